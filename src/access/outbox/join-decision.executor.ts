import { Injectable } from '@nestjs/common';
import type { ExecutionContext } from '../../outbox/outbox-executor';
import { OutboxExecutorRegistry } from '../../outbox/outbox-executor.registry';
import { TelegramGateway } from '../../telegram/telegram.gateway';
import { JoinDecisionRepository } from '../join-decision.repository';
import { AccessJobs, AccessJoinJob } from './access-jobs';
import { callOptions, TelegramJobExecutor } from './telegram-call';

/**
 * `access.join`: approves or declines a join request. Already in the chat (approve) or no request
 * pending any more (decline: the user withdrew it, or it was answered) is the wanted state.
 */
@Injectable()
export class JoinDecisionExecutor extends TelegramJobExecutor<typeof AccessJobs.JoinDecision> {
  readonly kind = AccessJobs.JoinDecision;
  readonly rateClass = 'telegram-call' as const;
  protected override readonly alreadyDone = [/USER_ALREADY_PARTICIPANT/, /HIDE_REQUESTER_MISSING/];

  constructor(
    registry: OutboxExecutorRegistry,
    private readonly decisions: JoinDecisionRepository,
    gateway: TelegramGateway,
  ) {
    super(registry, gateway);
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
