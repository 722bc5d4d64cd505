import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

/**
 * OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): slow enough to make offline guessing
 * expensive, fast enough (tens of ms) for a login endpoint.
 */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class PasswordHasher {
  /** Verified against when an account does not exist, so both paths take the same time. */
  private dummyHash: Promise<string> | undefined;

  hash(password: string): Promise<string> {
    return argon2.hash(password, OPTIONS);
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  /** Spends the time of one verification without an account, then fails. */
  async verifyNothing(password: string): Promise<false> {
    this.dummyHash ??= argon2.hash('membergate-no-such-account', OPTIONS);
    await this.verify(await this.dummyHash, password);
    return false;
  }
}
