import { Injectable, OnModuleInit } from '@nestjs/common';
import { Clock } from '../../common/clock/clock';
import type { ExecutionContext, OutboxExecutor } from '../../outbox/outbox-executor';
import { OutboxExecutorRegistry } from '../../outbox/outbox-executor.registry';
import { TELEGRAM_BOT_KEY } from '../../outbox/rate-policy';
import { TelegramGateway } from '../../telegram/telegram.gateway';
import { AccessLinkRepository } from '../access-link.repository';
import { AccessJobs, AccessRevokeLinkJob } from './access-jobs';
import { callOptions, TelegramJobExecutor } from './telegram-call';

/** `access.revoke_link`: withdraws a personal link; one already expired or revoked counts as done. */
@Injectable()
export class RevokeLinkExecutor
  extends TelegramJobExecutor
  implements OutboxExecutor<typeof AccessJobs.RevokeLink>, OnModuleInit
{
  readonly kind = AccessJobs.RevokeLink;
  readonly rateClass = 'telegram-call' as const;
  protected readonly alreadyDone = [/INVITE_HASH_EXPIRED/, /INVITE_HASH_INVALID/];

  constructor(
    private readonly registry: OutboxExecutorRegistry,
    private readonly links: AccessLinkRepository,
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

  async execute(payload: AccessRevokeLinkJob, context: ExecutionContext): Promise<unknown> {
    const link = await this.links.findById(payload.linkId);
    if (!link?.inviteLink) {
      return { skipped: 'no link' };
    }
    try {
      await this.gateway
        .api()
        .callApi(
          'revokeChatInviteLink',
          { chat_id: link.chatId, invite_link: link.inviteLink },
          callOptions(context.signal),
        );
    } catch (error) {
      if (this.classify(error).type !== 'done') {
        throw error;
      }
    }
    await this.links.markRevoked(link._id, this.clock.now());
    return { revoked: true };
  }
}
