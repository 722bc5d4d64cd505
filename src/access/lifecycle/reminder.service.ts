import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock/clock';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { MembershipRepository } from '../../memberships/membership.repository';
import type { MembershipView } from '../../memberships/membership.types';
import { MembershipsService } from '../../memberships/memberships.service';
import { AccessNotifier } from '../access-notifier';
import { reminderDue } from './reminder-rules';

const DAY_MS = 24 * 3_600_000;
const BATCH = 500;

export interface ReminderReport {
  checked: number;
  queued: number;
}

/**
 * Reminders before the paid time ends (REMINDER_DAYS, default 3 and 1 days), with a renew button.
 * Each is keyed by membership, ledger seq and day count, so a period is reminded once per mark
 * however often the job runs; a renewal appends a new period and so new reminders.
 */
@Injectable()
export class ReminderService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly memberships: MembershipRepository,
    private readonly rules: MembershipsService,
    private readonly notifier: AccessNotifier,
    private readonly clock: Clock,
  ) {}

  async sendDue(): Promise<ReminderReport> {
    const marks = this.config.access.reminderDays;
    const report: ReminderReport = { checked: 0, queued: 0 };
    if (marks.length === 0) {
      return report;
    }
    const now = this.clock.now();
    const horizon = new Date(now.getTime() + marks[0] * DAY_MS);
    let afterId: string | undefined;
    for (;;) {
      const batch = await this.memberships.findEndingBetween({
        from: now,
        to: horizon,
        limit: BATCH,
        afterId,
      });
      if (batch.length === 0) {
        return report;
      }
      afterId = batch[batch.length - 1].id;
      for (const membership of batch) {
        report.checked += 1;
        if (await this.remind(membership, now, marks)) {
          report.queued += 1;
        }
      }
    }
  }

  private async remind(membership: MembershipView, now: Date, marks: number[]): Promise<boolean> {
    if (!wantsReminders(membership)) {
      return false;
    }
    const latest = await this.rules.latestPeriod(membership.id);
    if (!latest || latest.kind !== 'paid' || !membership.expiresAt) {
      return false;
    }
    const days = reminderDue({ expiresAt: membership.expiresAt, period: latest, now, marks });
    if (days === undefined) {
      return false;
    }
    await this.notifier.notify({
      membership,
      content: { type: 'reminder', membershipId: membership.id, daysLeft: days },
      key: `remind:${membership.id}:${latest.seq}:${days}`,
    });
    return true;
  }
}

/**
 * A subscription renews by itself: its member is reminded only once it will not (cancelled).
 * Test memberships are never reminded.
 */
function wantsReminders(membership: MembershipView): boolean {
  if (membership.test) {
    return false;
  }
  return membership.billing === 'one_off' || membership.renewalStoppedAt !== undefined;
}
