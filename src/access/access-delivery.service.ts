import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MembershipRepository } from '../memberships/membership.repository';
import type { MembershipView } from '../memberships/membership.types';
import { EmailService } from '../notifications/email.service';
import { OutboxService } from '../outbox/outbox.service';
import { TelegramGateway } from '../telegram/telegram.gateway';
import { AccessLinkRecord, AccessLinkRepository } from './access-link.repository';
import { AccessNotifier } from './access-notifier';
import { accessText } from './access.texts';
import { AccessJobs } from './outbox/access-jobs';
import type { DeliveryReason } from './schemas/access-link.schema';

const LINK_NAME_MAX = 32;

export interface DeliveryRequest {
  membership: MembershipView;
  /** Names the business event: the same id never sends twice (`<grantId>`, `resend:...`). */
  deliveryId: string;
  reason: DeliveryReason;
  grantId?: string;
  paymentId?: string;
  /** Only these chats of the membership; default all of them. */
  chatIds?: number[];
}

export interface DeliveryHandle {
  deliveryId: string;
  /** The `access.link` outbox job of each chat. */
  jobs: Array<{ chatId: number; jobId: string }>;
}

/**
 * Sends personal invite links. A delivery is one link document per chat (each naming all the
 * delivery's chats, inserted in one round trip) and one `access.link` job per chat. Each link job
 * creates its link once, stores it, then calls `settle`: the last one to settle queues the single
 * message (and e-mail) carrying all the links. Every step is named by a deterministic key, so a re-delivery after a crash repeats
 * nothing that was done (docs/ARCHITECTURE.md, "Access delivery").
 */
@Injectable()
export class AccessDeliveryService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly links: AccessLinkRepository,
    private readonly memberships: MembershipRepository,
    private readonly outbox: OutboxService,
    private readonly notifier: AccessNotifier,
    private readonly emails: EmailService,
    private readonly gateway: TelegramGateway,
    private readonly clock: Clock,
  ) {}

  async deliver(request: DeliveryRequest): Promise<DeliveryHandle> {
    const { membership, deliveryId } = request;
    const wanted = request.chatIds ? new Set(request.chatIds) : undefined;
    const chats = membership.channels.filter((c) => !wanted || wanted.has(c.chatId));
    const now = this.clock.now();
    const chatIds = chats.map((c) => c.chatId);
    await this.links.insertManyOnce(
      chats.map((channel) => ({
        _id: linkIdOf(deliveryId, channel.chatId),
        deliveryId,
        deliveryChatIds: chatIds,
        reason: request.reason,
        ...(request.grantId ? { grantId: request.grantId } : {}),
        ...(request.paymentId ? { paymentId: request.paymentId } : {}),
        membershipId: membership.id,
        sellerId: membership.sellerId,
        channelId: channel.channelId,
        chatId: channel.chatId,
        ...(channel.title ? { title: channel.title } : {}),
        telegramUserId: membership.telegramUserId,
        mode: membership.accessMode,
        name: linkName(deliveryId),
        status: 'pending' as const,
        createdAt: now,
      })),
    );
    const results = await this.outbox.enqueueMany(
      chats.map((channel) => ({
        kind: AccessJobs.Link,
        payload: { linkId: linkIdOf(deliveryId, channel.chatId) },
        idempotencyKey: `access:${deliveryId}:${channel.chatId}`,
        correlation: {
          sellerId: membership.sellerId,
          membershipId: membership.id,
          ...(request.paymentId ? { paymentId: request.paymentId } : {}),
        },
      })),
    );
    return {
      deliveryId,
      jobs: chats.map((c, i) => ({ chatId: c.chatId, jobId: results[i].job.id })),
    };
  }

  /**
   * Called by each link job once its link is settled (issued, not needed, or failed). Whoever
   * sees every link settled queues the message and the e-mail; both are keyed by the delivery,
   * so two link jobs finishing together queue them once. A link job stores its own link before
   * it looks at the others, so the last of them always sees all settled.
   */
  async settle(link: Pick<AccessLinkRecord, 'deliveryId' | 'deliveryChatIds'>): Promise<void> {
    const { deliveryId, deliveryChatIds: chatIds } = link;
    const links = await this.links.listByDelivery(deliveryId, chatIds);
    if (links.length < chatIds.length || links.some((l) => l.status === 'pending')) {
      return;
    }
    const membership = await this.memberships.findById(links[0].membershipId);
    if (!membership || membership.personalDataErasedAt) {
      return;
    }
    const { reason, paymentId } = links[0];
    await this.notifier.notify({
      membership,
      content: { type: 'delivery', deliveryId, chatIds },
      key: `access-msg:${deliveryId}`,
      paymentId,
    });
    const issued = links.filter((l) => l.inviteLink !== undefined);
    const email = membership.customer.email;
    if (email && issued.length > 0 && reason !== 'resend' && reason !== 'test') {
      await this.emails.queue({
        key: `access-email:${deliveryId}`,
        to: email,
        subject: accessText('email.subject'),
        text: this.emailText(issued),
        sellerId: membership.sellerId,
        membershipId: membership.id,
      });
    }
  }

  /** The links of a delivery as they stand, for API answers. */
  listLinks(handle: DeliveryHandle): Promise<AccessLinkRecord[]> {
    return this.links.listByDelivery(
      handle.deliveryId,
      handle.jobs.map((j) => j.chatId),
    );
  }

  private emailText(links: AccessLinkRecord[]): string {
    const lines = links.map((l) => `${l.title ?? String(l.chatId)}: ${l.inviteLink ?? ''}`);
    return [
      accessText('email.intro'),
      '',
      ...lines,
      '',
      accessText('email.footer', {
        hours: this.config.access.inviteLinkTtlHours,
        bot: this.gateway.botInfo?.username ?? 'the bot',
      }),
    ].join('\n');
  }
}

export function linkIdOf(deliveryId: string, chatId: number): string {
  return `${deliveryId}:${chatId}`;
}

/** Telegram shows link names to the chat's admins (32 characters at most): the payment names it. */
export function linkName(deliveryId: string): string {
  if (deliveryId.length <= LINK_NAME_MAX) {
    return deliveryId;
  }
  const head = deliveryId.slice(0, 12);
  return `${head}~${deliveryId.slice(-(LINK_NAME_MAX - head.length - 1))}`;
}
