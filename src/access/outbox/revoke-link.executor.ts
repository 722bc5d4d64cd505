import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock/clock';
import type { ExecutionContext } from '../../outbox/outbox-executor';
import { OutboxExecutorRegistry } from '../../outbox/outbox-executor.registry';
import { TelegramGateway } from '../../telegram/telegram.gateway';
import { AccessLinkRepository } from '../access-link.repository';
import { AccessJobs, AccessRevokeLinkJob } from './access-jobs';
import { callOptions, TelegramJobExecutor } from './telegram-call';

/** `access.revoke_link`: withdraws a personal link; one already expired or revoked counts as done. */
@Injectable()
export class RevokeLinkExecutor extends TelegramJobExecutor<typeof AccessJobs.RevokeLink> {
  readonly kind = AccessJobs.RevokeLink;
  readonly rateClass = 'telegram-call' as const;
  protected override readonly alreadyDone = [/INVITE_HASH_EXPIRED/, /INVITE_HASH_INVALID/];

  constructor(
    registry: OutboxExecutorRegistry,
    private readonly links: AccessLinkRepository,
    private readonly clock: Clock,
    gateway: TelegramGateway,
  ) {
    super(registry, gateway);
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
