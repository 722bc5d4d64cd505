import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import type { MembershipView } from '../memberships/membership.types';
import { OutboxService } from '../outbox/outbox.service';
import { AccessLinkRecord, AccessLinkRepository } from './access-link.repository';
import { AccessRemovalRepository } from './access-removal.repository';
import { AccessJobs } from './outbox/access-jobs';
import { Pseudonyms } from './pseudonyms';
import type { RemovalKind } from './schemas/access-removal.schema';

export interface RemovalHandle {
  chatId: number;
  jobId: string;
}

/**
 * Takes people out of chats and withdraws links, through the outbox. Each removal is a document
 * named by its business event, then an `access.remove` job naming only that document.
 */
@Injectable()
export class AccessRemovalService {
  constructor(
    private readonly removals: AccessRemovalRepository,
    private readonly links: AccessLinkRepository,
    private readonly outbox: OutboxService,
    private readonly pseudonyms: Pseudonyms,
    private readonly clock: Clock,
  ) {}

  /**
   * A member whose access ended leaves every chat of the plan, and their unused links are
   * withdrawn. `cycleSeq` (the ledger entry that ended it) names the removal, so the sweep and a
   * refund seeing the same end remove once, while a later lapse (after paying again) removes again.
   */
  async removeMember(params: {
    membership: MembershipView;
    cycleSeq: number;
    reason: string;
  }): Promise<RemovalHandle[]> {
    const { membership } = params;
    const handles: RemovalHandle[] = [];
    for (const channel of membership.channels) {
      handles.push(
        await this.remove({
          id: `m:${membership.id}:${channel.chatId}:${params.cycleSeq}`,
          kind: 'member',
          membershipId: membership.id,
          sellerId: membership.sellerId,
          chatId: channel.chatId,
          telegramUserId: membership.telegramUserId,
          reason: params.reason,
        }),
      );
    }
    await this.revokeUnusedLinks(membership.id);
    return handles;
  }

  /** Someone joined through a link that was not theirs. */
  removeStranger(params: {
    link: AccessLinkRecord;
    telegramUserId: number;
    reason: string;
  }): Promise<RemovalHandle> {
    const { link, telegramUserId } = params;
    return this.remove({
      id: `s:${this.pseudonyms.of('stranger', link._id, telegramUserId)}`,
      kind: 'stranger',
      sellerId: link.sellerId,
      chatId: link.chatId,
      telegramUserId,
      reason: params.reason,
    });
  }

  /** A seller's removal from chats where the user holds no membership (named by the request). */
  removeFromChat(params: {
    sellerId: string;
    chatId: number;
    telegramUserId: number;
    requestKey: string;
  }): Promise<RemovalHandle> {
    return this.remove({
      id: `f:${this.pseudonyms.of('seller', params.sellerId, params.chatId, params.telegramUserId, params.requestKey)}`,
      kind: 'seller',
      sellerId: params.sellerId,
      chatId: params.chatId,
      telegramUserId: params.telegramUserId,
      reason: 'removed by the seller',
    });
  }

  async revokeLink(link: AccessLinkRecord): Promise<string | undefined> {
    if (!link.inviteLink) {
      return undefined;
    }
    const { job } = await this.outbox.enqueue({
      kind: AccessJobs.RevokeLink,
      payload: { linkId: link._id },
      idempotencyKey: `revoke:${link._id}`,
      correlation: { sellerId: link.sellerId, membershipId: link.membershipId },
    });
    return job.id;
  }

  /** Withdraws the membership's links nobody used (all chats, or one). */
  async revokeUnusedLinks(membershipId: string, chatId?: number): Promise<number> {
    const unused = await this.links.findUnused(membershipId, chatId);
    for (const link of unused) {
      await this.revokeLink(link);
    }
    return unused.length;
  }

  private async remove(params: {
    id: string;
    kind: RemovalKind;
    membershipId?: string;
    sellerId: string;
    chatId: number;
    telegramUserId: number;
    reason: string;
  }): Promise<RemovalHandle> {
    await this.removals.insertOnce({
      _id: params.id,
      kind: params.kind,
      ...(params.membershipId ? { membershipId: params.membershipId } : {}),
      sellerId: params.sellerId,
      chatId: params.chatId,
      telegramUserId: params.telegramUserId,
      reason: params.reason,
      status: 'pending',
      createdAt: this.clock.now(),
    });
    const { job } = await this.outbox.enqueue({
      kind: AccessJobs.Remove,
      payload: { removalId: params.id },
      idempotencyKey: `remove:${params.id}`,
      correlation: {
        sellerId: params.sellerId,
        ...(params.membershipId ? { membershipId: params.membershipId } : {}),
      },
    });
    return { chatId: params.chatId, jobId: job.id };
  }
}
