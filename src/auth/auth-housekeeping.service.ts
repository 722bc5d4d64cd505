import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobSchedulerService } from '../leases/job-scheduler.service';
import { AUTH_RETENTION_MS } from './auth.constants';
import { LoginThrottleService } from './login-throttle/login-throttle.service';
import { RefreshTokenService } from './refresh-tokens/refresh-token.service';

/** Deletes login attempts and refresh tokens that no longer matter (no TTL indexes on FerretDB). */
@Injectable()
export class AuthHousekeepingService implements OnModuleInit {
  constructor(
    private readonly scheduler: JobSchedulerService,
    private readonly throttle: LoginThrottleService,
    private readonly refreshTokens: RefreshTokenService,
  ) {}

  onModuleInit(): void {
    this.scheduler.register({
      name: 'auth.purge',
      everyMs: 60 * 60 * 1000,
      run: () => this.purge(),
    });
  }

  async purge(): Promise<{ loginAttempts: number; refreshTokens: number }> {
    const [loginAttempts, refreshTokens] = await Promise.all([
      this.throttle.purgeOld(AUTH_RETENTION_MS),
      this.refreshTokens.purgeExpired(AUTH_RETENTION_MS),
    ]);
    return { loginAttempts, refreshTokens };
  }
}
