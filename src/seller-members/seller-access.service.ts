import { HttpStatus, Injectable } from '@nestjs/common';
import { sleep } from '@app/common';
import { Types } from 'mongoose';
import { AccessDeliveryService, DeliveryHandle } from '../access/access-delivery.service';
import { AccessRemovalService } from '../access/access-removal.service';
import { AccessService } from '../access/access.service';
import { ManualClaimsService } from '../access/claims/manual-claims.service';
import type { AccessLinkRecord } from '../access/access-link.repository';
import { ChannelsService } from '../channels/channels.service';
import { AppException } from '../common/errors/app.exception';
import { GrantService } from '../memberships/grant.service';
import { ACCESS_STATUSES } from '../memberships/membership-status';
import { MembershipRepository } from '../memberships/membership.repository';
import type { AccessMode, GrantedChannel } from '../memberships/membership.types';
import { PlansService } from '../plans/plans.service';
import type { GrantAccessDto, GrantAccessResultDto, GrantedLinkDto } from './dto/grant-access.dto';
import type { ForceRemoveDto, ForceRemoveResultDto } from './dto/force-remove.dto';

/** How long grant-access waits for its links before answering 202 with the job ids. */
const LINK_WAIT_MS = 5_000;
const POLL_MS = 100;
const DAY_MINUTES = 24 * 60;

interface GrantTarget {
  planId: string;
  channels: GrantedChannel[];
  durationMinutes: number;
  accessMode: AccessMode;
}

const unprocessable = (code: string, message: string, details?: unknown): AppException =>
  new AppException(HttpStatus.UNPROCESSABLE_ENTITY, code, message, details);

/**
 * A seller's manual access decisions: grant access (through the one grant path, provider
 * `manual`) and force-remove. Each request is its own business event; the Idempotency-Key header
 * makes a retried request answer the first answer.
 */
@Injectable()
export class SellerAccessService {
  constructor(
    private readonly plans: PlansService,
    private readonly channels: ChannelsService,
    private readonly grants: GrantService,
    private readonly memberships: MembershipRepository,
    private readonly access: AccessService,
    private readonly deliveries: AccessDeliveryService,
    private readonly removal: AccessRemovalService,
    private readonly manualClaims: ManualClaimsService,
  ) {}

  async grantAccess(sellerId: string, dto: GrantAccessDto): Promise<GrantAccessResultDto> {
    const target = await this.target(sellerId, dto);
    const outcome = await this.grants.grant({
      provider: 'manual',
      providerPaymentId: new Types.ObjectId().toHexString(),
      kind: 'manual',
      sellerId,
      planId: target.planId,
      ...(dto.telegramUserId ? { telegramUserId: dto.telegramUserId } : {}),
      ...(dto.externalUserId ? { externalUserId: dto.externalUserId } : {}),
      channels: target.channels,
      durationMinutes: target.durationMinutes,
      accessMode: target.accessMode,
      billing: 'one_off',
    });
    const grantId = outcome.grant.id;
    if (!outcome.membership) {
      const claim = await this.manualClaims.issue({ grantId, sellerId });
      return {
        status: 'claim_pending',
        grantId,
        links: [],
        ...(claim.url ? { claimUrl: claim.url } : {}),
        claimExpiresAt: claim.expiresAt,
      };
    }
    const handle = await this.access.deliverGrant(outcome.grant, outcome.membership);
    const links = await this.waitForLinks(handle);
    const settled = links.every((l) => l.status !== 'pending');
    return {
      status: settled ? 'delivered' : 'queued',
      grantId,
      membershipId: outcome.membership.id,
      ...(outcome.membership.expiresAt ? { expiresAt: outcome.membership.expiresAt } : {}),
      links: links.map(toLinkDto),
      ...(settled ? {} : { jobIds: handle.jobs.map((j) => j.jobId) }),
    };
  }

  async forceRemove(sellerId: string, dto: ForceRemoveDto): Promise<ForceRemoveResultDto> {
    if (dto.planId) {
      const membership = await this.memberships.findByKey(dto.planId, dto.telegramUserId);
      if (!membership || membership.sellerId !== sellerId) {
        throw AppException.notFound('MEMBER_NOT_FOUND', 'This user has no membership of this plan');
      }
      const { removals } = await this.access.revoke(membership.id, 'removed by the seller');
      return { revokedMembershipIds: [membership.id], removals };
    }
    const chats = await this.sellerChats(sellerId, dto.chatIds ?? []);
    const wanted = new Set(chats.map((c) => c.chatId));
    const { items } = await this.memberships.listForSeller({
      sellerId,
      telegramUserId: dto.telegramUserId,
      skip: 0,
      limit: 100,
    });
    const covering = items.filter(
      (m) => ACCESS_STATUSES.includes(m.status) && m.channels.some((c) => wanted.has(c.chatId)),
    );
    const result: ForceRemoveResultDto = { revokedMembershipIds: [], removals: [] };
    for (const membership of covering) {
      const { removals } = await this.access.revoke(membership.id, 'removed by the seller');
      result.revokedMembershipIds.push(membership.id);
      result.removals.push(...removals);
    }
    const done = new Set(result.removals.map((r) => r.chatId));
    const requestKey = new Types.ObjectId().toHexString();
    for (const chat of chats.filter((c) => !done.has(c.chatId))) {
      result.removals.push(
        await this.removal.removeFromChat({
          sellerId,
          chatId: chat.chatId,
          telegramUserId: dto.telegramUserId,
          requestKey,
        }),
      );
    }
    return result;
  }

  private async target(sellerId: string, dto: GrantAccessDto): Promise<GrantTarget> {
    if (dto.planId) {
      const plan = await this.plans.findById(sellerId, dto.planId);
      if (!plan) {
        throw AppException.notFound('PLAN_NOT_FOUND', 'No such plan');
      }
      const channels = await this.channels.requireLiveChannels(sellerId, plan.channelIds);
      return {
        planId: plan.id,
        channels: channels.map((c) => ({ channelId: c.id, chatId: c.chatId, title: c.title })),
        durationMinutes: dto.days
          ? dto.days * DAY_MINUTES
          : (plan.durationMinutes ?? (plan.durationDays ?? 0) * DAY_MINUTES),
        accessMode: plan.accessMode,
      };
    }
    const chats = await this.sellerChats(sellerId, dto.chatIds ?? []);
    return {
      planId: `chats:${chats
        .map((c) => c.chatId)
        .sort((a, b) => a - b)
        .join(',')}`,
      channels: chats,
      durationMinutes: (dto.days ?? 0) * DAY_MINUTES,
      accessMode: 'invite_link',
    };
  }

  /** The seller's connected chats with these ids, or 422 CHANNEL_NOT_FOUND naming the others. */
  private async sellerChats(sellerId: string, chatIds: number[]): Promise<GrantedChannel[]> {
    const live = await this.channels.list(sellerId);
    const byChat = new Map(live.map((c) => [c.chatId, c]));
    const missing = [...new Set(chatIds)].filter((id) => !byChat.has(id));
    if (missing.length > 0) {
      throw unprocessable('CHANNEL_NOT_FOUND', `Not a connected chat: ${missing.join(', ')}`, {
        chatIds: missing,
      });
    }
    return [...new Set(chatIds)].map((id) => {
      const c = byChat.get(id)!;
      return { channelId: c.id, chatId: c.chatId, title: c.title };
    });
  }

  private async waitForLinks(handle: DeliveryHandle): Promise<AccessLinkRecord[]> {
    const deadline = Date.now() + LINK_WAIT_MS;
    for (;;) {
      const links = await this.deliveries.listLinks(handle);
      if (links.every((l) => l.status !== 'pending') || Date.now() >= deadline) {
        return links;
      }
      await sleep(POLL_MS);
    }
  }
}

function toLinkDto(link: AccessLinkRecord): GrantedLinkDto {
  return {
    chatId: link.chatId,
    channelId: link.channelId,
    ...(link.title ? { title: link.title } : {}),
    status: link.status,
    inviteLink: link.inviteLink ?? null,
    expiresAt: link.expiresAt ?? null,
  };
}
