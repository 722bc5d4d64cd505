import { Injectable } from '@nestjs/common';
import { EventEmitter2, OnEvent } from '@nestjs/event-emitter';
import { ChannelsService } from '../channels/channels.service';
import { Clock } from '../common/clock/clock';
import { ACCESS_STATUSES, MEMBERSHIP_STATUSES } from '../memberships/membership-status';
import { MembershipRepository } from '../memberships/membership.repository';
import type { MembershipView } from '../memberships/membership.types';
import { MemberPresenceEvent, MembershipEvents } from '../memberships/memberships.events';
import { OutboxService } from '../outbox/outbox.service';
import {
  ChatMemberChangedEvent,
  JoinRequestedEvent,
  TelegramEvents,
} from '../telegram/telegram.events';
import { AccessLinkRecord, AccessLinkRepository } from './access-link.repository';
import { AccessNotifier } from './access-notifier';
import { AccessRemovalService } from './access-removal.service';
import { JoinDecisionRepository } from './join-decision.repository';
import { MemberPresenceRepository } from './member-presence.repository';
import { AccessJobs } from './outbox/access-jobs';
import { Pseudonyms } from './pseudonyms';

const PRESENT = new Set(['creator', 'administrator', 'member', 'restricted']);

/**
 * Invite links are bound to the payer. Join requests are approved for the payer only; someone
 * else who joins through a paid link is removed and the link withdrawn; the payer's own link is
 * withdrawn once they are in. Joins and leaves of paying members are recorded and announced
 * (`membership.member_joined` / `member_left`). Listeners fail the update when they fail, so
 * Telegram delivers it again; every action is keyed, so a re-delivery acts once.
 */
@Injectable()
export class AntiSharingService {
  constructor(
    private readonly channels: ChannelsService,
    private readonly memberships: MembershipRepository,
    private readonly links: AccessLinkRepository,
    private readonly decisions: JoinDecisionRepository,
    private readonly presence: MemberPresenceRepository,
    private readonly removal: AccessRemovalService,
    private readonly notifier: AccessNotifier,
    private readonly outbox: OutboxService,
    private readonly pseudonyms: Pseudonyms,
    private readonly events: EventEmitter2,
    private readonly clock: Clock,
  ) {}

  @OnEvent(TelegramEvents.JoinRequested, { suppressErrors: false })
  async onJoinRequested(event: JoinRequestedEvent): Promise<void> {
    const channel = await this.channels.findLiveByChatId(event.chatId);
    if (!channel) {
      return; // Not a chat sold here: its join requests are its admins' business.
    }
    const [paid] = await this.memberships.findByChatAndUser(
      event.chatId,
      event.userId,
      ACCESS_STATUSES,
    );
    const id = this.pseudonyms.of('join', event.chatId, event.userId, event.at.getTime());
    await this.decisions.insertOnce({
      _id: id,
      chatId: event.chatId,
      telegramUserId: event.userId,
      approve: paid !== undefined,
      ...(paid ? { membershipId: paid.id } : {}),
      sellerId: channel.sellerId,
      createdAt: this.clock.now(),
    });
    await this.outbox.enqueue({
      kind: AccessJobs.JoinDecision,
      payload: { decisionId: id },
      idempotencyKey: `join:${id}`,
      correlation: { sellerId: channel.sellerId, ...(paid ? { membershipId: paid.id } : {}) },
    });
  }

  @OnEvent(TelegramEvents.ChatMemberChanged, { suppressErrors: false })
  async onChatMemberChanged(event: ChatMemberChangedEvent): Promise<void> {
    const before = PRESENT.has(event.oldStatus);
    const after = PRESENT.has(event.newStatus);
    if (!before && after) {
      await this.onJoined(event);
    } else if (before && !after) {
      await this.onLeft(event);
    }
  }

  private async onJoined(event: ChatMemberChangedEvent): Promise<void> {
    const link = event.inviteLink
      ? await this.links.findByInviteLink(event.chatId, event.inviteLink)
      : undefined;
    if (link && link.telegramUserId !== event.userId) {
      await this.strangerJoined(link, event);
      return;
    }
    const paying = await this.memberships.findByChatAndUser(
      event.chatId,
      event.userId,
      ACCESS_STATUSES,
    );
    if (link) {
      if (link.status !== 'used') {
        await this.links.markUsed(link._id, event.at);
      }
      await this.removal.revokeLink(link);
      if (paying.length === 0) {
        // The payer came in through a link issued before their access ended.
        await this.removal.removeStranger({
          link,
          telegramUserId: event.userId,
          reason: 'joined after the access ended',
        });
        return;
      }
    }
    for (const membership of paying) {
      await this.announce(MembershipEvents.MemberJoined, membership, presenceOf(event), 'joined');
    }
  }

  private async strangerJoined(link: AccessLinkRecord, event: ChatMemberChangedEvent) {
    await this.removal.removeStranger({
      link,
      telegramUserId: event.userId,
      reason: 'joined through a link paid for by someone else',
    });
    await this.removal.revokeLink(link);
    const payer = await this.memberships.findById(link.membershipId);
    if (payer) {
      await this.notifier.notify({
        membership: payer,
        content: { type: 'link_misused', linkId: link._id },
        key: `misused:${link._id}`,
      });
    }
  }

  private async onLeft(event: ChatMemberChangedEvent): Promise<void> {
    const memberships = await this.memberships.findByChatAndUser(
      event.chatId,
      event.userId,
      MEMBERSHIP_STATUSES,
    );
    for (const membership of memberships) {
      await this.announce(MembershipEvents.MemberLeft, membership, presenceOf(event), 'left');
    }
  }

  /** A join another domain tied to its membership later (see MembershipEvents.JoinAttributed). */
  @OnEvent(MembershipEvents.JoinAttributed, { suppressErrors: false })
  async onJoinAttributed(event: MemberPresenceEvent): Promise<void> {
    await this.announce(MembershipEvents.MemberJoined, event.membership, event, 'joined');
  }

  /** Records the presence once; only the first record of it is announced. */
  private async announce(
    name: string,
    membership: MembershipView,
    event: Omit<MemberPresenceEvent, 'membership'>,
    kind: 'joined' | 'left',
  ): Promise<void> {
    const first = await this.presence.record({
      _id: this.pseudonyms.of('presence', membership.id, event.chatId, kind, event.at.getTime()),
      membershipId: membership.id,
      sellerId: membership.sellerId,
      chatId: event.chatId,
      kind,
      at: event.at,
    });
    if (first) {
      const payload: MemberPresenceEvent = {
        membership,
        chatId: event.chatId,
        telegramUserId: event.telegramUserId,
        at: event.at,
      };
      await this.events.emitAsync(name, payload);
    }
  }
}

function presenceOf(event: ChatMemberChangedEvent): Omit<MemberPresenceEvent, 'membership'> {
  return { chatId: event.chatId, telegramUserId: event.userId, at: event.at };
}
