import { Inject, Injectable } from '@nestjs/common';
import { createHmac, hkdfSync } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { telegramChatKey } from '../outbox/rate-policy';

/**
 * Keyed hashes that stand in for Telegram user ids wherever an id is only needed to tell things
 * apart (outbox rate keys, idempotency keys, document ids). The outbox keeps jobs long after a
 * member's data is erased; with these, nothing in it names a person.
 */
@Injectable()
export class Pseudonyms {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'encryptionKey'>) {
    this.key = Buffer.from(
      hkdfSync('sha256', config.encryptionKey, Buffer.alloc(0), 'membergate:pseudonym', 32),
    );
  }

  /** A stable 32-hex-digit name for these parts. */
  of(...parts: Array<string | number>): string {
    return createHmac('sha256', this.key).update(parts.join('\u0000')).digest('hex').slice(0, 32);
  }

  /**
   * The outbox rate key of a private chat with this user. The rate policy gives a positive
   * numeric chat key the private-chat window (1 message/s), so the pseudonym is a positive
   * integer below 2^52 (a clash with a real chat only makes both a little slower).
   */
  privateChatKey(telegramUserId: number): string {
    const digest = createHmac('sha256', this.key).update(`chat:${telegramUserId}`).digest();
    return telegramChatKey(digest.readUIntBE(0, 6) + 1);
  }
}
