import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock/clock';
import { LeaseService } from '../../leases/lease.service';
import { OutboxService } from '../../outbox/outbox.service';
import { OUTBOX_STATUSES } from '../../outbox/outbox.types';
import { redactToken } from '../../outbox/telegram/telegram-error.classifier';
import { TelegramGateway } from '../../telegram/telegram.gateway';
import { DatabaseProbe } from './database-probe';
import type { ProbeResult, SystemCheck } from './system-check.types';

/** The system check answers quickly even when Telegram hangs. */
export const TELEGRAM_PROBE_TIMEOUT_MS = 3_000;
/** A due outbox job older than this means the dispatcher is not keeping up (or not running). */
export const OUTBOX_LAG_WARNING_MS = 5 * 60_000;

/** What an admin checks first when something seems wrong: every dependency, asked now. */
@Injectable()
export class SystemCheckService {
  constructor(
    private readonly database: DatabaseProbe,
    private readonly gateway: TelegramGateway,
    private readonly outbox: OutboxService,
    private readonly leases: LeaseService,
    private readonly clock: Clock,
  ) {}

  async run(): Promise<SystemCheck> {
    const [database, telegram] = await Promise.all([this.probeDatabase(), this.probeTelegram()]);
    const checkedAt = this.clock.now();
    const [outbox, leases] =
      database.status === 'up'
        ? await Promise.all([this.outbox.stats(), this.leases.list()])
        : [undefined, []];
    const jobs = leases.map((lease) => ({
      ...lease,
      running: !lease.releasedAt && lease.expiresAt > checkedAt,
    }));
    const warnings: string[] = [];
    if (database.status !== 'up') {
      warnings.push(`database is down: ${database.error}`);
    }
    if (telegram.status === 'down') {
      warnings.push(`Telegram is unreachable: ${telegram.error}`);
    }
    if (outbox && outbox.oldestDueAgeMs > OUTBOX_LAG_WARNING_MS) {
      warnings.push(
        `the oldest due outbox job has waited ${Math.round(outbox.oldestDueAgeMs / 1000)} s`,
      );
    }
    for (const job of jobs.filter((j) => j.outcome?.startsWith('error'))) {
      warnings.push(`job ${job.name} failed on its last run: ${job.outcome}`);
    }
    return {
      status: warnings.length === 0 ? 'ok' : 'degraded',
      checkedAt,
      warnings,
      database,
      telegram,
      outbox: outbox ?? emptyOutbox(),
      jobs,
    };
  }

  private async probeDatabase(): Promise<ProbeResult> {
    const started = performance.now();
    try {
      await this.database.ping();
      return { status: 'up', latencyMs: elapsed(started) };
    } catch (error) {
      return { status: 'down', latencyMs: elapsed(started), error: messageOf(error) };
    }
  }

  private async probeTelegram(): Promise<ProbeResult & { botUsername?: string }> {
    if (!this.gateway.enabled) {
      return { status: 'off' };
    }
    const started = performance.now();
    try {
      const me = await this.gateway
        .api()
        // telegraf types the signal as the abort-controller polyfill; node-fetch takes the native one.
        .callApi('getMe', {}, { signal: AbortSignal.timeout(TELEGRAM_PROBE_TIMEOUT_MS) as never });
      return { status: 'up', latencyMs: elapsed(started), botUsername: me.username };
    } catch (error) {
      return { status: 'down', latencyMs: elapsed(started), error: messageOf(error) };
    }
  }
}

function elapsed(startedMs: number): number {
  return Math.round(performance.now() - startedMs);
}

function messageOf(error: unknown): string {
  // A network error's text can hold the bot token (it is in the URL).
  return redactToken(error instanceof Error ? error.message : String(error)).slice(0, 300);
}

function emptyOutbox(): SystemCheck['outbox'] {
  const byStatus = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0]));
  return { backlog: 0, oldestDueAgeMs: 0, byStatus: byStatus as SystemCheck['outbox']['byStatus'] };
}
