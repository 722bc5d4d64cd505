import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { MembershipRepository } from '../../memberships/membership.repository';
import { ERASED_TELEGRAM_USER_ID, MembershipView } from '../../memberships/membership.types';
import type { ExecutionContext } from '../../outbox/outbox-executor';
import { OutboxExecutorRegistry } from '../../outbox/outbox-executor.registry';
import { TelegramGateway } from '../../telegram/telegram.gateway';
import { AccessLinkRecord, AccessLinkRepository } from '../access-link.repository';
import { AccessJobs, AccessMessageContent, AccessMessageJob } from './access-jobs';
import { renderMessage } from './message-renderer';
import { callOptions, TelegramJobExecutor } from './telegram-call';

/**
 * `access.message`: one message to a member, rendered when it is sent from what is stored then,
 * so the outbox never holds the text, and a member erased meanwhile gets nothing.
 */
@Injectable()
export class MessageExecutor extends TelegramJobExecutor<typeof AccessJobs.Message> {
  readonly kind = AccessJobs.Message;
  readonly rateClass = 'telegram-message' as const;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    registry: OutboxExecutorRegistry,
    private readonly memberships: MembershipRepository,
    private readonly links: AccessLinkRepository,
    gateway: TelegramGateway,
  ) {
    super(registry, gateway);
  }

  override chatKey(payload: AccessMessageJob): string {
    return payload.recipientKey;
  }

  async execute(payload: AccessMessageJob, context: ExecutionContext): Promise<unknown> {
    const subject = await this.load(payload.content);
    if (!subject || subject.membership.telegramUserId === ERASED_TELEGRAM_USER_ID) {
      return { skipped: 'erased' };
    }
    const rendered = renderMessage(payload.content, {
      ...subject,
      botUsername: this.gateway.botInfo?.username,
      linkTtlHours: this.config.access.inviteLinkTtlHours,
    });
    const message = await this.gateway.api().callApi(
      'sendMessage',
      {
        chat_id: subject.membership.telegramUserId,
        text: rendered.text,
        link_preview_options: { is_disabled: true },
        ...(rendered.buttons.length > 0
          ? { reply_markup: { inline_keyboard: rendered.buttons } }
          : {}),
      },
      callOptions(context.signal),
    );
    return { messageId: message.message_id };
  }

  private async load(content: AccessMessageContent): Promise<
    | {
        membership: MembershipView;
        links: AccessLinkRecord[];
        link?: AccessLinkRecord;
      }
    | undefined
  > {
    switch (content.type) {
      case 'delivery': {
        const links = await this.links.listByDelivery(content.deliveryId, content.chatIds);
        const membership = links[0] && (await this.memberships.findById(links[0].membershipId));
        return membership ? { membership, links } : undefined;
      }
      case 'link_misused': {
        const link = await this.links.findById(content.linkId);
        const membership = link && (await this.memberships.findById(link.membershipId));
        return membership ? { membership, links: [], link } : undefined;
      }
      case 'reminder':
      case 'grace':
      case 'ended': {
        const membership = await this.memberships.findById(content.membershipId);
        return membership ? { membership, links: [] } : undefined;
      }
    }
  }
}
