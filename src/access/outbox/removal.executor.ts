import { Injectable, OnModuleInit } from '@nestjs/common';
import { Clock } from '../../common/clock/clock';
import { MembershipsService } from '../../memberships/memberships.service';
import type { ExecutionContext, OutboxExecutor } from '../../outbox/outbox-executor';
import { OutboxExecutorRegistry } from '../../outbox/outbox-executor.registry';
import { TELEGRAM_BOT_KEY } from '../../outbox/rate-policy';
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
export class RemovalExecutor
  extends TelegramJobExecutor
  implements OutboxExecutor<typeof AccessJobs.Remove>, OnModuleInit
{
  readonly kind = AccessJobs.Remove;
  readonly rateClass = 'telegram-call' as const;
  protected readonly alreadyDone: RegExp[] = [];

  constructor(
    private readonly registry: OutboxExecutorRegistry,
    private readonly removals: AccessRemovalRepository,
    private readonly memberships: MembershipsService,
    private readonly clock: Clock,
    gateway: TelegramGateway,
  ) {
    super(gateway);
  }

  onModuleInit(): void {
    this.registry.register(this);
  }

  chatKey(): string {
    return TELEGRAM_BOT_KEY;
  }

  async execute(payload: AccessRemoveJob, context: ExecutionContext): Promise<unknown> {
    const removal = await this.removals.findById(payload.removalId);
    if (!removal) {
      return { skipped: 'erased' };
    }
    if (removal.status !== 'pending') {
      return { status: removal.status };
    }
    if (
      removal.kind === 'member' &&
      removal.membershipId &&
      (await this.memberships.keepsAccess(removal.membershipId))
    ) {
      await this.finish(payload.removalId, 'skipped', 'the ledger proves paid time');
      return { status: 'skipped' };
    }
    const api = this.gateway.api();
    const target = { chat_id: removal.chatId, user_id: removal.telegramUserId };
    try {
      await api.callApi('banChatMember', target, callOptions(context.signal));
      await api.callApi(
        'unbanChatMember',
        { ...target, only_if_banned: true },
        callOptions(context.signal),
      );
    } catch (error) {
      const outcome = this.classify(error);
      if (outcome.type === 'failed') {
        // An admin or the owner cannot be removed; a lost right is the seller's to fix.
        await this.finish(payload.removalId, 'failed', outcome.code);
      }
      throw error;
    }
    await this.finish(payload.removalId, 'done');
    return { status: 'done' };
  }

  private finish(id: string, status: 'done' | 'skipped' | 'failed', note?: string): Promise<void> {
    return this.removals.finish(id, { status, note, at: this.clock.now() });
  }
}
