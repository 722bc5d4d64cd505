import { HttpStatus, Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { AccessTokenService } from '../../auth/access-token.service';
import { RefreshTokenService } from '../../auth/refresh-tokens/refresh-token.service';
import { Clock } from '../../common/clock/clock';
import { RandomTokens } from '../../common/crypto/random-tokens';
import { AppException } from '../../common/errors/app.exception';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { JobSchedulerService } from '../../leases/job-scheduler.service';
import { OutboxService } from '../../outbox/outbox.service';
import { AdminLoginCodeRepository } from './admin-login-code.repository';
import { AdminLoginRequestsService } from './admin-login-requests.service';
import { AdminLoginTryRepository } from './admin-login-try.repository';
import { ADMIN_LOGIN, adminSubject, telegramIdOfSubject } from './admin-login.constants';
import { LoginCodeCrypto } from './login-code.crypto';
import { RetryLaterException } from './retry-later.exception';
import { secondsUntilAllowed } from './sliding-window';

export interface AdminSessionTokens {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

/** Admin sessions are `tg:<id>` subjects; a seller's refresh token is not one. */
const isAdminSubject = (subject: string): boolean => telegramIdOfSubject(subject) !== undefined;

const invalidCode = (details?: unknown): AppException =>
  new AppException(
    HttpStatus.UNAUTHORIZED,
    'INVALID_CODE',
    'The code is wrong or expired',
    details,
  );

/**
 * Platform admins (ADMIN_TELEGRAM_IDS) log in with a one-time code the bot sends them. Every id
 * is treated alike up to the moment the message would go out: a code is made and stored for any
 * id, tries are counted for any id, and only an admin's code is sent and can succeed. So neither
 * the answers nor their timing tell an attacker which ids are admins.
 */
@Injectable()
export class AdminLoginService implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly requests: AdminLoginRequestsService,
    private readonly codes: AdminLoginCodeRepository,
    private readonly tries: AdminLoginTryRepository,
    private readonly crypto: LoginCodeCrypto,
    private readonly random: RandomTokens,
    private readonly outbox: OutboxService,
    private readonly accessTokens: AccessTokenService,
    private readonly refreshTokens: RefreshTokenService,
    private readonly scheduler: JobSchedulerService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.scheduler.register({
      name: 'admin.login-purge',
      everyMs: 3_600_000,
      run: () => this.purge(),
    });
  }

  isAdmin(telegramId: number): boolean {
    return this.config.telegram.adminIds.includes(telegramId);
  }

  async requestCode(params: { telegramId: number; ip: string }): Promise<void> {
    const requestId = await this.requests.begin(params);
    const now = this.clock.now();
    const codeId = this.random.hex(12);
    const code = this.crypto.newCode();
    await this.codes.insert({
      id: codeId,
      telegramId: params.telegramId,
      codeHash: this.crypto.hash(codeId, code),
      createdAt: now,
      expiresAt: new Date(now.getTime() + ADMIN_LOGIN.codeTtlMs),
    });
    if (this.isAdmin(params.telegramId)) {
      await this.outbox.enqueue({
        kind: 'sendMessage',
        payload: {
          chatId: params.telegramId,
          text:
            `Membergate admin login code: ${code}\n\n` +
            `It works once, for ${ADMIN_LOGIN.codeTtlMs / 60_000} minutes. If you did not ask ` +
            'for it, ignore this message: someone tried to log in with your Telegram id.',
        },
        idempotencyKey: `admin-login-code:${codeId}`,
      });
    }
    await this.requests.accepted(requestId);
  }

  async login(params: { telegramId: number; code: string }): Promise<AdminSessionTokens> {
    const { telegramId, code } = params;
    const now = this.clock.now();
    const current = await this.codes.latest(telegramId);
    if (!current || current.expiresAt <= now) {
      throw invalidCode();
    }
    const slot = await this.tries.claimTry({
      codeId: current.id,
      telegramId,
      max: ADMIN_LOGIN.triesPerCode,
      at: now,
    });
    if (!slot) {
      throw new RetryLaterException(
        'CODE_ATTEMPTS_EXCEEDED',
        'Too many wrong codes: request a new code',
        await this.requests.secondsUntilNextRequest(telegramId),
      );
    }
    const failures = await this.tries.failuresSince({
      telegramId,
      since: new Date(now.getTime() - ADMIN_LOGIN.failureWindowMs),
      excludeId: slot.id,
    });
    const dailyWait = secondsUntilAllowed({
      times: failures,
      limit: ADMIN_LOGIN.failuresPerDay,
      windowMs: ADMIN_LOGIN.failureWindowMs,
      now,
    });
    if (dailyWait !== undefined) {
      await this.tries.settle(slot.id, 'throttled');
      throw new RetryLaterException(
        'CODE_ATTEMPTS_EXCEEDED',
        `Too many wrong codes for this account today; try again in ${dailyWait} seconds`,
        dailyWait,
      );
    }
    const right =
      this.crypto.matches({ codeId: current.id, code, codeHash: current.codeHash }) &&
      this.isAdmin(telegramId) &&
      (await this.tries.consume({ codeId: current.id, telegramId, at: now }));
    if (!right) {
      await this.tries.settle(slot.id, 'wrong');
      throw invalidCode({ attemptsLeft: ADMIN_LOGIN.triesPerCode - slot.n });
    }
    await this.tries.settle(slot.id, 'right');
    const { refreshToken } = await this.refreshTokens.startFamily(adminSubject(telegramId));
    return this.tokens(telegramId, refreshToken);
  }

  /** Admin refresh tokens are ordinary refresh-token families whose subject is `tg:<id>`. */
  async refresh(presented: string): Promise<AdminSessionTokens> {
    const rotated = await this.refreshTokens.rotate(presented, isAdminSubject);
    const telegramId = telegramIdOfSubject(rotated.sellerId);
    if (telegramId === undefined) {
      throw AppException.unauthorized('INVALID_REFRESH_TOKEN', 'The refresh token is not valid');
    }
    if (!this.isAdmin(telegramId)) {
      await this.refreshTokens.revokeByToken(rotated.refreshToken, isAdminSubject);
      throw AppException.forbidden(
        'NOT_AN_ADMIN',
        'This Telegram id is no longer an administrator',
      );
    }
    return this.tokens(telegramId, rotated.refreshToken);
  }

  logout(refreshToken: string): Promise<void> {
    return this.refreshTokens.revokeByToken(refreshToken, isAdminSubject);
  }

  async purge(): Promise<{ requests: number; codes: number; tries: number }> {
    const before = new Date(this.clock.now().getTime() - ADMIN_LOGIN.retentionMs);
    const [requests, codes, tries] = await Promise.all([
      this.requests.purgeBefore(before),
      this.codes.purgeExpiredBefore(before),
      this.tries.purgeBefore(before),
    ]);
    return { requests, codes, tries };
  }

  private tokens(telegramId: number, refreshToken: string): AdminSessionTokens {
    const access = this.accessTokens.issue({ sellerId: adminSubject(telegramId), role: 'admin' });
    return { ...access, refreshToken, tokenType: 'Bearer' };
  }
}
