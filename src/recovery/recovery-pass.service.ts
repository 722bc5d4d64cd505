import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { AlertsService } from '../alerts/alerts.service';
import { Clock } from '../common/clock/clock';
import { AppException } from '../common/errors/app.exception';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { JobSchedulerService } from '../leases/job-scheduler.service';
import { GrantService } from '../memberships/grant.service';
import { DeliveryWatchRepository } from './delivery-watch.repository';
import { RECOVERY_POLICY } from './recovery-policy';
import { RecoveryWorklist } from './recovery-worklist.service';
import { RecoveryService } from './recovery.service';
import {
  RECOVERY_OUTCOMES,
  RecoveryOutcome,
  RecoveryPassReport,
  RecoveryResult,
} from './recovery.types';

export const RECOVERY_JOB = 'recovery.deliveries';
const LEASE_TTL_MS = 5 * 60_000;

/**
 * The recovery pass, every RECOVERY_INTERVAL_MS under its lease: puts paid payments of the
 * last day on the worklist (their delayed check may not have run, or never been scheduled), applies grants recorded but never applied, then looks at every watch whose time has
 * come. Admins get a report whenever a pass acted or something failed (urgent then).
 */
@Injectable()
export class RecoveryPassService implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly scheduler: JobSchedulerService,
    private readonly recovery: RecoveryService,
    private readonly worklist: RecoveryWorklist,
    private readonly watches: DeliveryWatchRepository,
    private readonly grants: GrantService,
    private readonly alerts: AlertsService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.scheduler.register({
      name: RECOVERY_JOB,
      everyMs: this.config.recovery.intervalMs,
      leaseTtlMs: LEASE_TTL_MS,
      run: () => this.runPass(),
    });
  }

  /** The scheduled pass: due watches only, with the policy's ages, budget and back-off. */
  runPass(): Promise<RecoveryPassReport> {
    return this.pass('scheduled');
  }

  /**
   * The admin's "process failed now": every payment not delivered yet, at once (past the
   * back-off and the budget), under the same lease as the scheduled pass.
   */
  async processFailedNow(): Promise<RecoveryPassReport> {
    const run = await this.scheduler.runNow({
      name: RECOVERY_JOB,
      leaseTtlMs: LEASE_TTL_MS,
      run: () => this.pass('manual'),
    });
    if (!run.ran) {
      throw AppException.conflict(
        'RECOVERY_PASS_RUNNING',
        'A recovery pass is running right now; try again in a minute',
      );
    }
    return run.result as RecoveryPassReport;
  }

  private async pass(trigger: 'scheduled' | 'manual'): Promise<RecoveryPassReport> {
    const startedAt = this.clock.now();
    const results: RecoveryResult[] = [];
    // The admin's run looks at everything paid; the scheduled one leaves the last 2 minutes to
    // the delayed checks.
    const watchesAdded = await this.worklist.trackRecentlyPaid({
      upTo:
        trigger === 'manual'
          ? startedAt
          : new Date(startedAt.getTime() - RECOVERY_POLICY.freshCheckMs),
    });
    const settleBefore = new Date(startedAt.getTime() - RECOVERY_POLICY.freshCheckMs);
    const unapplied = await this.grants.findUnapplied({
      olderThan: settleBefore,
      limit: RECOVERY_POLICY.batchSize,
    });
    for (const grant of unapplied) {
      results.push(await this.recovery.recoverGrant(grant, trigger));
    }
    const seen = new Set(results.map((r) => r.paymentId));
    const watches =
      trigger === 'manual'
        ? await this.watches.findUndelivered(RECOVERY_POLICY.batchSize)
        : await this.watches.findDue(startedAt, RECOVERY_POLICY.batchSize);
    for (const watch of watches.filter((w) => !seen.has(w.paymentId))) {
      results.push(await this.recovery.recover(watch.paymentId, trigger));
    }
    const report = summarize({
      trigger,
      startedAt,
      finishedAt: this.clock.now(),
      watchesAdded,
      results,
    });
    await this.reportToAdmins(report);
    return report;
  }

  private async reportToAdmins(report: RecoveryPassReport): Promise<void> {
    const acted = Object.values(report.actions).reduce((sum, n) => sum + (n ?? 0), 0);
    const failed = report.outcomes.failed + report.outcomes.exhausted;
    if (acted === 0 && failed === 0) {
      return;
    }
    const actions = Object.entries(report.actions)
      .map(([action, n]) => `${action} ${n}`)
      .join(', ');
    await this.alerts.raise({
      kind: 'recovery_report',
      incident: `${report.trigger}:${report.startedAt.toISOString()}`,
      urgent: failed > 0,
      text:
        `Delivery recovery (${report.trigger}): ${report.checked} payment(s) checked, ` +
        `${acted} recovered (${actions || 'none'}), ${report.outcomes.failed} failed, ` +
        `${report.outcomes.exhausted} given up.`,
    });
  }
}

function summarize(params: {
  trigger: 'scheduled' | 'manual';
  startedAt: Date;
  finishedAt: Date;
  watchesAdded: number;
  results: RecoveryResult[];
}): RecoveryPassReport {
  const outcomes = Object.fromEntries(RECOVERY_OUTCOMES.map((o) => [o, 0])) as Record<
    RecoveryOutcome,
    number
  >;
  const actions: RecoveryPassReport['actions'] = {};
  for (const result of params.results) {
    outcomes[result.outcome] += 1;
    if (result.action && result.action !== 'failed' && result.action !== 'pending') {
      actions[result.action] = (actions[result.action] ?? 0) + 1;
    }
  }
  return {
    trigger: params.trigger,
    startedAt: params.startedAt,
    finishedAt: params.finishedAt,
    watchesAdded: params.watchesAdded,
    checked: params.results.length,
    outcomes,
    actions,
  };
}
