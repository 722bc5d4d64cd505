import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock/clock';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { hasAccess } from '../../memberships/membership-status';
import { MembershipRepository } from '../../memberships/membership.repository';
import type { ExecutionContext } from '../../outbox/outbox-executor';
import { OutboxExecutorRegistry } from '../../outbox/outbox-executor.registry';
import { TelegramGateway } from '../../telegram/telegram.gateway';
import { AccessDeliveryService } from '../access-delivery.service';
import { AccessLinkRecord, AccessLinkRepository } from '../access-link.repository';
import { AccessJobs, AccessLinkJob } from './access-jobs';
import { callOptions, isInChat, TelegramJobExecutor } from './telegram-call';

const HOUR_MS = 3_600_000;

/**
 * `access.link`: creates one personal invite link and stores it before anything else, so a retry
 * after a crash finds it and never creates a second one it would send. A member already in the
 * chat gets none. Then it settles the link's delivery (see AccessDeliveryService.settle).
 */
@Injectable()
export class LinkExecutor extends TelegramJobExecutor<typeof AccessJobs.Link> {
  readonly kind = AccessJobs.Link;
  readonly rateClass = 'telegram-call' as const;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    registry: OutboxExecutorRegistry,
    private readonly links: AccessLinkRepository,
    private readonly memberships: MembershipRepository,
    private readonly deliveries: AccessDeliveryService,
    private readonly clock: Clock,
    gateway: TelegramGateway,
  ) {
    super(registry, gateway);
  }

  async execute(payload: AccessLinkJob, context: ExecutionContext): Promise<unknown> {
    const link = await this.links.findById(payload.linkId);
    if (!link) {
      return { skipped: 'erased' };
    }
    let status = link.status;
    if (status === 'pending') {
      try {
        status = await this.issue(link, context.signal);
      } catch (error) {
        const outcome = this.classify(error);
        if (outcome.type === 'failed') {
          await this.links.markSettled(link._id, { status: 'failed', note: outcome.code });
          await this.deliveries.settle(link);
        }
        throw error;
      }
    }
    await this.deliveries.settle(link);
    return { status };
  }

  private async issue(
    link: AccessLinkRecord,
    signal: AbortSignal,
  ): Promise<AccessLinkRecord['status']> {
    const membership = await this.memberships.findById(link.membershipId);
    if (
      !membership ||
      !hasAccess(membership.status) ||
      membership.telegramUserId !== link.telegramUserId
    ) {
      await this.links.markSettled(link._id, { status: 'not_needed', note: 'no_access' });
      return 'not_needed';
    }
    const api = this.gateway.api();
    const member = await api.callApi(
      'getChatMember',
      { chat_id: link.chatId, user_id: link.telegramUserId },
      callOptions(signal),
    );
    if (isInChat(member)) {
      await this.links.markSettled(link._id, { status: 'not_needed', note: 'already_member' });
      return 'not_needed';
    }
    const joinRequest = link.mode === 'join_request';
    const expiresAt = new Date(
      this.clock.now().getTime() + this.config.access.inviteLinkTtlHours * HOUR_MS,
    );
    const created = await api.callApi(
      'createChatInviteLink',
      {
        chat_id: link.chatId,
        name: link.name,
        expire_date: Math.floor(expiresAt.getTime() / 1000),
        ...(joinRequest ? { creates_join_request: true } : { member_limit: 1 }),
      },
      callOptions(signal),
    );
    await this.links.markIssued(link._id, {
      inviteLink: created.invite_link,
      expiresAt,
      at: this.clock.now(),
    });
    return 'issued';
  }
}
