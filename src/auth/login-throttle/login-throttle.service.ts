import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock/clock';
import { LOGIN_THROTTLE } from '../auth.constants';
import { LoginAttemptRepository } from './login-attempt.repository';
import { LoginThrottledException } from './login-throttled.exception';

export interface LoginAttemptTicket {
  id: string;
}

/**
 * Limits password guessing: at most LOGIN_THROTTLE.maxFailuresPerEmail failures per e-mail and
 * maxFailuresPerIp per client IP in a sliding window. The attempt is inserted first and then
 * counted with everyone else's, so a burst of parallel guesses cannot all slip through on a
 * stale count. A successful login clears the e-mail's count (not the IP's: one valid account must
 * not reset an attacker's budget); throttled attempts are not counted, so an attacker cannot keep
 * the real owner locked out forever.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly attempts: LoginAttemptRepository,
    private readonly clock: Clock,
  ) {}

  /** Registers an attempt, or throws LoginThrottledException (429) when over a limit. */
  async begin(params: { email: string; ip: string }): Promise<LoginAttemptTicket> {
    const now = this.clock.now();
    const id = await this.attempts.insert({ ...params, at: now });
    const windowStart = new Date(now.getTime() - LOGIN_THROTTLE.windowMs);
    const lastSuccess = await this.attempts.lastSuccessAt(params.email);
    const emailSince = lastSuccess && lastSuccess > windowStart ? lastSuccess : windowStart;
    const [byEmail, byIp] = await Promise.all([
      this.attempts.countedSince({
        key: { email: params.email },
        since: emailSince,
        excludeId: id,
      }),
      this.attempts.countedSince({ key: { ip: params.ip }, since: windowStart, excludeId: id }),
    ]);
    const waits = [
      waitFor(byEmail, LOGIN_THROTTLE.maxFailuresPerEmail, now),
      waitFor(byIp, LOGIN_THROTTLE.maxFailuresPerIp, now),
    ].filter((w): w is number => w !== undefined);
    if (waits.length > 0) {
      await this.attempts.settle(id, 'throttled');
      throw new LoginThrottledException(Math.max(...waits));
    }
    return { id };
  }

  async succeeded(ticket: LoginAttemptTicket): Promise<void> {
    await this.attempts.settle(ticket.id, 'succeeded');
  }

  async failed(ticket: LoginAttemptTicket): Promise<void> {
    await this.attempts.settle(ticket.id, 'failed');
  }

  async purgeOld(retentionMs: number): Promise<number> {
    const horizon = LOGIN_THROTTLE.windowMs + retentionMs;
    return this.attempts.purgeBefore(new Date(this.clock.now().getTime() - horizon));
  }
}

/**
 * Seconds until enough of the counted attempts leave the window to allow one more, or undefined
 * when the limit is not reached. `times` is sorted oldest first.
 */
export function waitFor(times: Date[], limit: number, now: Date): number | undefined {
  if (times.length < limit) {
    return undefined;
  }
  const mustExpire = times[times.length - limit];
  const ms = mustExpire.getTime() + LOGIN_THROTTLE.windowMs - now.getTime();
  return Math.max(1, Math.ceil(ms / 1000));
}
