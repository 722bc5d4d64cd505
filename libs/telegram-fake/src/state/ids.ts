import { randomBytes } from 'node:crypto';

const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** Random string over Telegram's URL-safe alphabet (invite hashes, token secrets, file ids). */
export function randomToken(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) {
    out += URL_SAFE[bytes[i] % URL_SAFE.length];
  }
  return out;
}

export function randomDigits(length: number): string {
  const bytes = randomBytes(length);
  let out = String((bytes[0] % 9) + 1);
  for (let i = 1; i < length; i++) {
    out += String(bytes[i] % 10);
  }
  return out;
}

/**
 * Id ranges follow Telegram's conventions so code that inspects ids (e.g. "negative means a
 * group", "-100 prefix means supergroup or channel") behaves as in production.
 */
export class IdAllocator {
  private nextUser = 100_000_001;
  private nextBot = 7_000_000_001;
  private nextGroup = 4_000_000_001;
  private nextChannel = 2_000_000_001;

  user(): number {
    return this.nextUser++;
  }

  bot(): number {
    return this.nextBot++;
  }

  /** Basic groups: plain negative ids. */
  group(): number {
    return -this.nextGroup++;
  }

  /** Supergroups and channels: -100 followed by the channel id. */
  channel(): number {
    return Number(`-100${this.nextChannel++}`);
  }

  reserveBot(id: number): void {
    if (id >= this.nextBot) {
      this.nextBot = id + 1;
    }
  }
}
