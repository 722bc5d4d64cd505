import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../common/clock/clock';
import { MembershipRepository } from '../../memberships/membership.repository';
import type { MembershipView } from '../../memberships/membership.types';
import { MembershipsService } from '../../memberships/memberships.service';
import { AccessNotifier } from '../access-notifier';
import { AccessRemovalService } from '../access-removal.service';

const BATCH = 200;
/** Memberships settled at once: each is a handful of small writes, none shared with another. */
const PARALLEL = 16;

export interface ExpiryReport {
  checked: number;
  expired: number;
  grace: number;
  stillPaid: number;
  unchanged: number;
}

/**
 * The expiry sweep (every minute, under its lease): active memberships past their cached end and
 * grace periods that ran out. The ledger decides (MembershipsService.settleExpiry); an expired
 * member is removed from every chat of the plan, their unused links withdrawn, and told.
 */
@Injectable()
export class ExpiryService {
  private readonly logger = new Logger(ExpiryService.name);

  constructor(
    private readonly memberships: MembershipRepository,
    private readonly rules: MembershipsService,
    private readonly removal: AccessRemovalService,
    private readonly notifier: AccessNotifier,
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
      await inParallel(fresh, PARALLEL, (m) => this.settle(m, report));
    }
    if (report.expired > 0 || report.grace > 0) {
      this.logger.log(
        `Expiry sweep: ${report.expired} expired, ${report.grace} in grace, ${report.stillPaid} repaired`,
      );
    }
    return report;
  }

  private async settle(membership: MembershipView, report: ExpiryReport): Promise<void> {
    report.checked += 1;
    const outcome = await this.rules.settleExpiry(membership);
    switch (outcome.type) {
      case 'expired':
        report.expired += 1;
        await this.removal.removeMember({
          membership,
          cycleSeq: outcome.periodSeq,
          reason: 'access expired',
        });
        await this.notifier.notify({
          membership,
          content: { type: 'ended', membershipId: membership.id, reason: 'expired' },
          key: `ended:${membership.id}:${outcome.periodSeq}`,
        });
        return;
      case 'grace':
        report.grace += 1;
        return;
      case 'still_paid':
        report.stillPaid += 1;
        return;
      case 'unchanged':
        report.unchanged += 1;
        return;
    }
  }
}

async function inParallel<T>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      await work(item);
    }
  });
  await Promise.all(lanes);
}
