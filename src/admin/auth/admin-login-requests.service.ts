import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock/clock';
import { ADMIN_LOGIN } from './admin-login.constants';
import { AdminLoginRequestRepository } from './admin-login-request.repository';
import { RetryLaterException } from './retry-later.exception';
import { secondsUntilAllowed } from './sliding-window';

/**
 * Code requests are limited per Telegram id and per client IP in a sliding window, counted in the
 * database so the limit holds across instances. The request is inserted first and then counted
 * with everyone else's, so a parallel burst cannot slip through on a stale count. Refused
 * requests are not counted: an attacker cannot extend a lock-out by hammering. The limit applies
 * alike to admin and non-admin ids (it must not tell them apart).
 */
@Injectable()
export class AdminLoginRequestsService {
  constructor(
    private readonly requests: AdminLoginRequestRepository,
    private readonly clock: Clock,
  ) {}

  /** Registers a request, or throws 429 LOGIN_REQUESTS_THROTTLED. Returns the request id. */
  async begin(params: { telegramId: number; ip: string }): Promise<string> {
    const now = this.clock.now();
    const id = await this.requests.insert({ ...params, at: now });
    const since = new Date(now.getTime() - ADMIN_LOGIN.requestWindowMs);
    const [byId, byIp] = await Promise.all([
      this.requests.countedSince({ key: { telegramId: params.telegramId }, since, excludeId: id }),
      this.requests.countedSince({ key: { ip: params.ip }, since, excludeId: id }),
    ]);
    const waits = [
      secondsUntilAllowed({
        times: byId,
        limit: ADMIN_LOGIN.requestsPerTelegramId,
        windowMs: ADMIN_LOGIN.requestWindowMs,
        now,
      }),
      secondsUntilAllowed({
        times: byIp,
        limit: ADMIN_LOGIN.requestsPerIp,
        windowMs: ADMIN_LOGIN.requestWindowMs,
        now,
      }),
    ].filter((w): w is number => w !== undefined);
    if (waits.length > 0) {
      await this.requests.settle(id, 'throttled');
      const wait = Math.max(...waits);
      throw new RetryLaterException(
        'LOGIN_REQUESTS_THROTTLED',
        `Too many login code requests; try again in ${wait} seconds`,
        wait,
      );
    }
    return id;
  }

  async accepted(id: string): Promise<void> {
    await this.requests.settle(id, 'accepted');
  }

  /** Seconds until this Telegram id may ask for a new code (at least 1). */
  async secondsUntilNextRequest(telegramId: number): Promise<number> {
    const now = this.clock.now();
    const times = await this.requests.countedSince({
      key: { telegramId },
      since: new Date(now.getTime() - ADMIN_LOGIN.requestWindowMs),
    });
    return (
      secondsUntilAllowed({
        times,
        limit: ADMIN_LOGIN.requestsPerTelegramId,
        windowMs: ADMIN_LOGIN.requestWindowMs,
        now,
      }) ?? 1
    );
  }

  purgeBefore(before: Date): Promise<number> {
    return this.requests.purgeBefore(before);
  }
}
