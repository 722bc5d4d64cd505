import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../common/clock/clock';
import { MembershipRepository } from '../../memberships/membership.repository';
import type { MembershipView } from '../../memberships/membership.types';
import { MembershipsService } from '../../memberships/memberships.service';
import { OutboxService } from '../../outbox/outbox.service';
import type { AnyEnqueueInput } from '../../outbox/outbox.types';
import { AccessNotifier } from '../access-notifier';
import { AccessRemovalService } from '../access-removal.service';

/** Memberships settled per round: a few queries and one outbox insert per round, not per member. */
const BATCH = 500;

export interface ExpiryReport {
  checked: number;
  expired: number;
  grace: number;
  stillPaid: number;
  unchanged: number;
}

/**
 * The expiry sweep (every EXPIRY_JOB_INTERVAL_MS, under its lease): active memberships past their
 * cached end and grace periods that ran out. The ledger decides (MembershipsService
 * .settleExpiries); an expired member is removed from every chat of the plan, their unused links
 * withdrawn, and told, all queued in one outbox insert per batch.
 */
@Injectable()
export class ExpiryService {
  private readonly logger = new Logger(ExpiryService.name);

  constructor(
    private readonly memberships: MembershipRepository,
    private readonly rules: MembershipsService,
    private readonly removal: AccessRemovalService,
    private readonly notifier: AccessNotifier,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  /** Idempotent: what a run found and did. */
  async sweep(): Promise<ExpiryReport> {
    const report: ExpiryReport = { checked: 0, expired: 0, grace: 0, stillPaid: 0, unchanged: 0 };
    const seen = new Set<string>();
    for (;;) {
      const now = this.clock.now();
      const [ended, graceEnded] = await Promise.all([
        this.memberships.findExpiredActive(now, BATCH),
        this.memberships.findGraceEnded(now, BATCH),
      ]);
      // Ones left as they were (another writer moved them) would be found again: stop there.
      const fresh = [...ended, ...graceEnded].filter((m) => !seen.has(m.id));
      if (fresh.length === 0) {
        break;
      }
      fresh.forEach((m) => seen.add(m.id));
      await this.settle(fresh, report);
    }
    if (report.expired > 0 || report.grace > 0) {
      this.logger.log(
        `Expiry sweep: ${report.expired} expired, ${report.grace} in grace, ${report.stillPaid} repaired`,
      );
    }
    return report;
  }

  private async settle(batch: MembershipView[], report: ExpiryReport): Promise<void> {
    const outcomes = await this.rules.settleExpiries(batch);
    const jobs: AnyEnqueueInput[] = [];
    const expiredIds: string[] = [];
    for (const [i, outcome] of outcomes.entries()) {
      const membership = batch[i];
      report.checked += 1;
      switch (outcome.type) {
        case 'expired':
          report.expired += 1;
          expiredIds.push(membership.id);
          jobs.push(
            ...this.removal.memberRemovalJobs(membership, outcome.periodSeq),
            this.notifier.messageJob({
              membership,
              content: { type: 'ended', membershipId: membership.id, reason: 'expired' },
              key: `ended:${membership.id}:${outcome.periodSeq}`,
            }),
          );
          break;
        case 'grace':
          report.grace += 1;
          break;
        case 'still_paid':
          report.stillPaid += 1;
          break;
        case 'unchanged':
          report.unchanged += 1;
          break;
      }
    }
    jobs.push(...(await this.removal.revokeJobsForUnused(expiredIds)));
    if (jobs.length > 0) {
      await this.outbox.enqueueMany(jobs);
    }
  }
}
