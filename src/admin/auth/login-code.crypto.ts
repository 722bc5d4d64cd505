import { Inject, Injectable } from '@nestjs/common';
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ADMIN_LOGIN } from './admin-login.constants';

/**
 * Login codes: drawn from the OS CSPRNG, stored as HMAC-SHA256 keyed with a key derived from the
 * server's JWT secret. A six-digit code has only a million values, so a plain hash would be
 * reversed in a moment by anyone holding a copy of the database; the key keeps it useless.
 */
@Injectable()
export class LoginCodeCrypto {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = createHmac('sha256', config.jwtSecret)
      .update('membergate:admin-login-code')
      .digest();
  }

  newCode(): string {
    return String(randomInt(0, 10 ** ADMIN_LOGIN.codeDigits)).padStart(ADMIN_LOGIN.codeDigits, '0');
  }

  hash(codeId: string, code: string): string {
    return createHmac('sha256', this.key).update(`${codeId}:${code}`).digest('hex');
  }

  matches(params: { codeId: string; code: string; codeHash: string }): boolean {
    const presented = Buffer.from(this.hash(params.codeId, params.code), 'hex');
    const stored = Buffer.from(params.codeHash, 'hex');
    return presented.length === stored.length && timingSafeEqual(presented, stored);
  }
}
