import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';

/**
 * Random secrets behind an adapter, so unit tests can make them predictable. Everything here
 * comes from the OS CSPRNG.
 */
export abstract class RandomTokens {
  /** `bytes` random bytes as base64url (URL- and header-safe, no padding). */
  abstract urlSafe(bytes: number): string;
  /** `bytes` random bytes as lowercase hex (safe where `_` and `-` are separators). */
  abstract hex(bytes: number): string;
}

@Injectable()
export class CryptoRandomTokens extends RandomTokens {
  urlSafe(bytes: number): string {
    return randomBytes(bytes).toString('base64url');
  }

  hex(bytes: number): string {
    return randomBytes(bytes).toString('hex');
  }
}
