import { Injectable, OnModuleInit } from '@nestjs/common';
import type { ExecutionContext, OutboxExecutor } from '../../outbox/outbox-executor';
import { OutboxExecutorRegistry } from '../../outbox/outbox-executor.registry';
import { TELEGRAM_BOT_KEY } from '../../outbox/rate-policy';
import { TelegramGateway } from '../../telegram/telegram.gateway';
import { JoinDecisionRepository } from '../join-decision.repository';
import { AccessJobs, AccessJoinJob } from './access-jobs';
import { callOptions, TelegramJobExecutor } from './telegram-call';

/**
 * `access.join`: approves or declines a join request. Already in the chat (approve) or no request
 * pending any more (decline: the user withdrew it, or it was answered) is the wanted state.
 */
@Injectable()
export class JoinDecisionExecutor
  extends TelegramJobExecutor
  implements OutboxExecutor<typeof AccessJobs.JoinDecision>, OnModuleInit
{
  readonly kind = AccessJobs.JoinDecision;
  readonly rateClass = 'telegram-call' as const;
  protected readonly alreadyDone = [/USER_ALREADY_PARTICIPANT/, /HIDE_REQUESTER_MISSING/];

  constructor(
    private readonly registry: OutboxExecutorRegistry,
    private readonly decisions: JoinDecisionRepository,
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

  async execute(payload: AccessJoinJob, context: ExecutionContext): Promise<unknown> {
    const decision = await this.decisions.findById(payload.decisionId);
    if (!decision) {
      return { skipped: 'erased' };
    }
    await this.gateway
      .api()
      .callApi(
        decision.approve ? 'approveChatJoinRequest' : 'declineChatJoinRequest',
        { chat_id: decision.chatId, user_id: decision.telegramUserId },
        callOptions(context.signal),
      );
    return { approved: decision.approve };
  }
}
