import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock/clock';
import { MembershipRepository } from '../../memberships/membership.repository';
import { ERASED_TELEGRAM_USER_ID } from '../../memberships/membership.types';
import { MembershipsService } from '../../memberships/memberships.service';
import type { ExecutionContext } from '../../outbox/outbox-executor';
import { OutboxExecutorRegistry } from '../../outbox/outbox-executor.registry';
import { TelegramGateway } from '../../telegram/telegram.gateway';
import { AccessRemovalRepository } from '../access-removal.repository';
import { AccessJobs, AccessRemoveJob } from './access-jobs';
import { callOptions, TelegramJobExecutor } from './telegram-call';

/**
 * `access.remove`: banChatMember, then unbanChatMember with only_if_banned, in that order, so the
 * user is out of the chat and may still come back through a new paid link. Both calls are
 * idempotent, so a retry after a crash between them just repeats them. A member's removal first
 * asks the ledger again: paid time that arrived meanwhile (a late renewal) cancels it.
 */
@Injectable()
export class RemovalExecutor extends TelegramJobExecutor<typeof AccessJobs.Remove> {
  readonly kind = AccessJobs.Remove;
  readonly rateClass = 'telegram-call' as const;

  constructor(
    registry: OutboxExecutorRegistry,
    private readonly removals: AccessRemovalRepository,
    private readonly memberships: MembershipRepository,
    private readonly rules: MembershipsService,
    private readonly clock: Clock,
    gateway: TelegramGateway,
  ) {
    super(registry, gateway);
  }

  async execute(payload: AccessRemoveJob, context: ExecutionContext): Promise<unknown> {
    if ('membershipId' in payload) {
      return this.removeMember(payload, context.signal);
    }
    const removal = await this.removals.findById(payload.removalId);
    if (!removal || removal.status !== 'pending') {
      return { status: removal?.status ?? 'erased' };
    }
    try {
      await this.banThenUnban(removal.chatId, removal.telegramUserId, context.signal);
    } catch (error) {
      const outcome = this.classify(error);
      if (outcome.type === 'failed') {
        await this.finish(removal._id, 'failed', outcome.code);
      }
      throw error;
    }
    await this.finish(removal._id, 'done');
    return { status: 'done' };
  }

  private async removeMember(
    payload: { membershipId: string; chatId: number },
    signal: AbortSignal,
  ): Promise<unknown> {
    const membership = await this.memberships.findById(payload.membershipId);
    if (!membership || membership.telegramUserId === ERASED_TELEGRAM_USER_ID) {
      return { status: 'erased' };
    }
    if (await this.rules.keepsAccess(membership)) {
      return { status: 'skipped', reason: 'the ledger proves access' };
    }
    // A refusal for good (the user is an admin or the owner, the bot lost its rights) fails the
    // job, which is where the seller's tools and the alerts look.
    await this.banThenUnban(payload.chatId, membership.telegramUserId, signal);
    return { status: 'done' };
  }

  private async banThenUnban(chatId: number, userId: number, signal: AbortSignal): Promise<void> {
    const api = this.gateway.api();
    const target = { chat_id: chatId, user_id: userId };
    await api.callApi('banChatMember', target, callOptions(signal));
    await api.callApi('unbanChatMember', { ...target, only_if_banned: true }, callOptions(signal));
  }

  private finish(id: string, status: 'done' | 'failed', note?: string): Promise<void> {
    return this.removals.finish(id, { status, note, at: this.clock.now() });
  }
}
