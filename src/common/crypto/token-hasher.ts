import { Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Hashes high-entropy random tokens (refresh tokens, API keys) for storage. A plain sha256 is the
 * right tool here: the tokens carry 256 bits of randomness, so there is nothing to brute-force,
 * and a fast hash lets us look a token up by its hash. Passwords use PasswordHasher instead.
 */
@Injectable()
export class TokenHasher {
  hash(token: string): string {
    return createHash('sha256').update(token, 'utf8').digest('hex');
  }

  /** Compares a presented token with a stored hash in constant time. */
  matches(token: string, storedHash: string): boolean {
    const presented = Buffer.from(this.hash(token), 'hex');
    const stored = Buffer.from(storedHash, 'hex');
    return presented.length === stored.length && timingSafeEqual(presented, stored);
  }
}
