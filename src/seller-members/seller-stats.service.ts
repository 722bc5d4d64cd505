import { Injectable } from '@nestjs/common';
import { ChannelsService } from '../channels/channels.service';
import { Clock } from '../common/clock/clock';
import { ACCESS_STATUSES } from '../memberships/membership-status';
import { MembershipRepository } from '../memberships/membership.repository';
import { PaymentsService } from '../payments/payments.service';
import type { SellerStatsDto } from './dto/stats.dto';

const DAY_MS = 24 * 3_600_000;
const DAYS = 30;

/**
 * The seller's dashboard figures. Revenue comes from the payments domain (grouped by its stored
 * `day`); new members per day are bucketed here in code (FerretDB groups by stored keys only).
 */
@Injectable()
export class SellerStatsService {
  constructor(
    private readonly channels: ChannelsService,
    private readonly memberships: MembershipRepository,
    private readonly payments: PaymentsService,
    private readonly clock: Clock,
  ) {}

  async stats(sellerId: string): Promise<SellerStatsDto> {
    const now = this.clock.now();
    const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    const first = new Date(today - (DAYS - 1) * DAY_MS);
    const days = Array.from({ length: DAYS }, (_, i) =>
      dayOf(new Date(first.getTime() + i * DAY_MS)),
    );
    const [channels, active, total, revenue, created] = await Promise.all([
      this.channels.list(sellerId),
      this.memberships.countForSeller(sellerId, ACCESS_STATUSES),
      this.memberships.countForSeller(sellerId),
      this.payments.revenue({ sellerId, fromDay: days[0], toDay: days[DAYS - 1] }),
      this.memberships.createdSince(sellerId, first),
    ]);
    const newMembers = new Map<string, number>();
    for (const at of created) {
      newMembers.set(dayOf(at), (newMembers.get(dayOf(at)) ?? 0) + 1);
    }
    return {
      channels: channels.length,
      members: { active, total },
      revenue: revenue.totals,
      last30Days: days.map((day) => ({
        day,
        newMembers: newMembers.get(day) ?? 0,
        revenue: revenue.byDay
          .filter((r) => r.day === day)
          .map((r) => ({ currency: r.currency, amountMinor: r.amountMinor })),
      })),
    };
  }
}

function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}
