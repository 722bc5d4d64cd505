import { Injectable, OnModuleInit } from '@nestjs/common';
import { ChannelMemberCounts } from '../channels/channel-member-counts';
import { ACCESS_STATUSES } from '../memberships/membership-status';
import { MembershipRepository } from '../memberships/membership.repository';
import { ERASED_TELEGRAM_USER_ID, MembershipView } from '../memberships/membership.types';
import type { MemberFilterQuery, ListMembersQuery } from './dto/list-members.query';
import type { MemberDto, MemberPageDto } from './dto/member.dto';
import { CSV_HEADER, csvLine, memberCsvLine } from './members-csv';

const EXPORT_BATCH = 500;

/** The seller's view of their members: list, CSV export; and the channels' member counts. */
@Injectable()
export class SellerMembersService implements OnModuleInit {
  constructor(
    private readonly memberships: MembershipRepository,
    private readonly memberCounts: ChannelMemberCounts,
  ) {}

  onModuleInit(): void {
    this.memberCounts.use({
      countActive: ({ sellerId, channelIds }) =>
        this.memberships.countWithAccessByChannel({
          sellerId,
          channelIds,
          statuses: ACCESS_STATUSES,
        }),
    });
  }

  async list(sellerId: string, query: ListMembersQuery): Promise<MemberPageDto> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const page = await this.memberships.listForSeller({
      sellerId,
      status: query.status,
      channelId: query.channelId,
      skip: offset,
      limit,
    });
    return { items: page.items.map(toMemberDto), total: page.total, limit, offset };
  }

  /** CSV lines, header first, read page by page (the answer is streamed as it is made). */
  async *exportCsv(sellerId: string, query: MemberFilterQuery): AsyncGenerator<string> {
    yield csvLine(CSV_HEADER);
    for await (const batch of this.memberships.iterateForSeller({
      sellerId,
      status: query.status,
      channelId: query.channelId,
      batchSize: EXPORT_BATCH,
    })) {
      yield batch.map(memberCsvLine).join('');
    }
  }
}

export function toMemberDto(m: MembershipView): MemberDto {
  return {
    id: m.id,
    planId: m.planId,
    telegramUserId: m.telegramUserId === ERASED_TELEGRAM_USER_ID ? null : m.telegramUserId,
    ...(m.externalUserId ? { externalUserId: m.externalUserId } : {}),
    status: m.status,
    expiresAt: m.expiresAt ?? null,
    graceEndsAt: m.graceEndsAt ?? null,
    channels: m.channels,
    customer: m.customer,
    billing: m.billing,
    test: m.test,
    createdAt: m.createdAt,
    endedAt: m.endedAt ?? null,
    erased: m.personalDataErasedAt !== undefined,
  };
}
