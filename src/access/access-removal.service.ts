import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import type { MembershipView } from '../memberships/membership.types';
import { OutboxService } from '../outbox/outbox.service';
import type { AnyEnqueueInput, EnqueueInput } from '../outbox/outbox.types';
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
 * Takes people out of chats and withdraws links, through the outbox. A member's removal is a job
 * naming the membership and chat; anyone else's is an `access_removals` document (their Telegram
 * id lives there alone) and a job naming that document.
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
  }): Promise<RemovalHandle[]> {
    const jobs = this.memberRemovalJobs(params.membership, params.cycleSeq);
    const results = await this.outbox.enqueueMany([
      ...jobs,
      ...(await this.revokeJobsForUnused([params.membership.id])),
    ]);
    return jobs.map((job, i) => ({ chatId: job.payload.chatId, jobId: results[i].job.id }));
  }

  memberRemovalJobs(
    membership: MembershipView,
    cycleSeq: number,
  ): Array<EnqueueInput<typeof AccessJobs.Remove> & { payload: { chatId: number } }> {
    return membership.channels.map((channel) => ({
      kind: AccessJobs.Remove,
      payload: { membershipId: membership.id, chatId: channel.chatId },
      idempotencyKey: `remove:m:${membership.id}:${channel.chatId}:${cycleSeq}`,
      correlation: { sellerId: membership.sellerId, membershipId: membership.id },
    }));
  }

  /** Jobs withdrawing every unused link of these memberships (one query for a batch). */
  async revokeJobsForUnused(membershipIds: string[]): Promise<AnyEnqueueInput[]> {
    const unused = await this.links.findUnusedOf(membershipIds);
    return unused.map((link) => this.revokeJob(link));
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
    const { sellerId, chatId, telegramUserId, requestKey } = params;
    return this.remove({
      id: `f:${this.pseudonyms.of('seller', sellerId, chatId, telegramUserId, requestKey)}`,
      kind: 'seller',
      sellerId,
      chatId,
      telegramUserId,
      reason: 'removed by the seller',
    });
  }

  async revokeLink(link: AccessLinkRecord): Promise<string | undefined> {
    if (!link.inviteLink) {
      return undefined;
    }
    const { job } = await this.outbox.enqueue(this.revokeJob(link));
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

  private revokeJob(link: AccessLinkRecord): EnqueueInput<typeof AccessJobs.RevokeLink> {
    return {
      kind: AccessJobs.RevokeLink,
      payload: { linkId: link._id },
      idempotencyKey: `revoke:${link._id}`,
      correlation: { sellerId: link.sellerId, membershipId: link.membershipId },
    };
  }

  private async remove(params: {
    id: string;
    kind: RemovalKind;
    sellerId: string;
    chatId: number;
    telegramUserId: number;
    reason: string;
  }): Promise<RemovalHandle> {
    await this.removals.insertOnce({
      _id: params.id,
      kind: params.kind,
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
      correlation: { sellerId: params.sellerId },
    });
    return { chatId: params.chatId, jobId: job.id };
  }
}
