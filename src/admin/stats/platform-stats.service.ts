import { Injectable } from '@nestjs/common';
import { ChannelsService } from '../../channels/channels.service';
import { Clock } from '../../common/clock/clock';
import { ACCESS_STATUSES } from '../../memberships/membership-status';
import { MembershipRepository } from '../../memberships/membership.repository';
import { OutboxService } from '../../outbox/outbox.service';
import { utcDay } from '../../payments/payment.types';
import { PaymentsService } from '../../payments/payments.service';
import { SellersService } from '../../sellers/sellers.service';
import { UsersService } from '../../users/users.service';

const DAY_MS = 24 * 3_600_000;

export interface PaymentsWindow {
  /** First and last UTC day counted, inclusive. */
  fromDay: string;
  toDay: string;
  count: number;
  byCurrency: Array<{ currency: string; count: number; amountMinor: number }>;
}

export interface PlatformStats {
  generatedAt: Date;
  users: { total: number; blockedBot: number; banned: number };
  sellers: number;
  channels: number;
  /** Memberships with access now (active or in grace), test memberships left out. */
  activeMembers: number;
  payments: { today: PaymentsWindow; last7Days: PaymentsWindow; last30Days: PaymentsWindow };
  outbox: { backlog: number; oldestDueAgeMs: number };
}

/** The platform at a glance, each number from the domain that owns it. */
@Injectable()
export class PlatformStatsService {
  constructor(
    private readonly users: UsersService,
    private readonly sellers: SellersService,
    private readonly channels: ChannelsService,
    private readonly memberships: MembershipRepository,
    private readonly payments: PaymentsService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async stats(): Promise<PlatformStats> {
    const now = this.clock.now();
    const [users, sellers, channels, activeMembers, today, last7Days, last30Days, outbox] =
      await Promise.all([
        this.users.overview(),
        this.sellers.count(),
        this.channels.countAllLive(),
        this.memberships.countAll(ACCESS_STATUSES),
        this.window(now, 1),
        this.window(now, 7),
        this.window(now, 30),
        this.outbox.stats(),
      ]);
    return {
      generatedAt: now,
      users,
      sellers,
      channels,
      activeMembers,
      payments: { today, last7Days, last30Days },
      outbox: { backlog: outbox.backlog, oldestDueAgeMs: outbox.oldestDueAgeMs },
    };
  }

  /** The last `days` UTC days, today included (payments carry their paid day). */
  private async window(now: Date, days: number): Promise<PaymentsWindow> {
    const toDay = utcDay(now);
    const fromDay = utcDay(new Date(now.getTime() - (days - 1) * DAY_MS));
    const byCurrency = await this.payments.platformTotals({ fromDay, toDay });
    return {
      fromDay,
      toDay,
      count: byCurrency.reduce((sum, row) => sum + row.count, 0),
      byCurrency,
    };
  }
}
