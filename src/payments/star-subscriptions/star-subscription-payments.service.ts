import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2, OnEvent } from '@nestjs/event-emitter';
import { Pseudonyms } from '../../access/pseudonyms';
import { Clock } from '../../common/clock/clock';
import { ACCESS_STATUSES, MEMBERSHIP_STATUSES } from '../../memberships/membership-status';
import { MembershipRepository } from '../../memberships/membership.repository';
import { MemberPresenceEvent, MembershipEvents } from '../../memberships/memberships.events';
import { STARS_CURRENCY } from '../../plans/currencies';
import { PlansService } from '../../plans/plans.service';
import type { StarSubscriptionLinkRecord } from '../../plans/star-subscription/star-subscription-link.repository';
import { StarSubscriptionLinksService } from '../../plans/star-subscription/star-subscription-links.service';
import { ChatMemberChangedEvent, TelegramEvents } from '../../telegram/telegram.events';
import { PaymentSettlementService, SettleOutcome } from '../payment-settlement.service';
import { PaymentRepository } from '../payment.repository';
import { PlanSnapshot, utcDay } from '../payment.types';

/** Statuses in which a user is in the chat. */
const PRESENT = new Set(['creator', 'administrator', 'member', 'restricted']);
const MINUTE_MS = 60_000;

export type StarSubscriptionOutcome =
  /** Not a paid subscription period (no until_date), or not one of our plans' links. */
  | { kind: 'ignored'; reason: string }
  | { kind: 'recorded'; joined: boolean; settled: SettleOutcome };

/**
 * Members of plans sold through a Telegram Star subscription link. Telegram collects the Stars
 * and tells the bot only through chat_member: a join through the link (the new member's
 * `until_date` ends the paid period), then a member -> member update with a later `until_date`
 * at each renewal. Each period becomes a payment (provider `telegram_star_subscription`, in XTR)
 * settled through the one grant path, both named by a keyed hash of chat, user and until_date:
 * the same update handled twice records once, a renewal (a new until_date) extends.
 *
 * The paid time runs to until_date: a join pays until then from now, a renewal one period more.
 * The membership is recurring, so when no renewal comes the expiry sweep gives GRACE_DAYS (at
 * least RENEWAL_SETTLE_MS) before removing the member: a renewal Telegram reports late extends
 * instead of being fought.
 */
@Injectable()
export class StarSubscriptionPaymentsService {
  private readonly logger = new Logger(StarSubscriptionPaymentsService.name);

  constructor(
    private readonly links: StarSubscriptionLinksService,
    private readonly plans: PlansService,
    private readonly memberships: MembershipRepository,
    private readonly payments: PaymentRepository,
    private readonly settlement: PaymentSettlementService,
    private readonly pseudonyms: Pseudonyms,
    private readonly events: EventEmitter2,
    private readonly clock: Clock,
  ) {}

  /** Errors fail the update, so Telegram delivers it again (everything here is keyed). */
  @OnEvent(TelegramEvents.ChatMemberChanged, { suppressErrors: false })
  async onChatMemberChanged(event: ChatMemberChangedEvent): Promise<void> {
    await this.record(event);
  }

  async record(event: ChatMemberChangedEvent): Promise<StarSubscriptionOutcome> {
    const { untilDate } = event;
    if (event.newStatus !== 'member' || !untilDate) {
      return { kind: 'ignored', reason: 'not a paid subscription period' };
    }
    const joined = !PRESENT.has(event.oldStatus);
    const link = await this.linkOf(event, joined);
    const plan = link ? await this.plans.findById(link.sellerId, link.planId) : undefined;
    if (!link || !plan) {
      return { kind: 'ignored', reason: 'not a subscription link of ours' };
    }
    const key = this.pseudonyms.of('star-sub', event.chatId, event.userId, untilDate.getTime());
    const now = this.clock.now();
    const priceStars = event.subscription?.priceStars || link.priceStars;
    const { payment } = await this.payments.insertOnce(`tg-sub:${key}`, {
      sellerId: link.sellerId,
      planId: link.planId,
      plan: snapshotOf(plan.name, link, priceStars),
      kind: joined ? 'purchase' : 'renewal',
      provider: 'telegram_star_subscription',
      status: 'pending',
      amountMinor: priceStars,
      discountMinor: 0,
      currency: STARS_CURRENCY,
      customer: { telegramUserId: event.userId },
      createdAt: now,
      day: utcDay(now),
    });
    const settled = await this.settlement.settle({
      payment,
      providerPaymentId: key,
      telegramUserId: event.userId,
      durationMinutes: joined
        ? Math.max(untilDate.getTime() - now.getTime(), MINUTE_MS) / MINUTE_MS
        : link.periodSeconds / 60,
    });
    const membership = settled.kind === 'refunded' ? undefined : settled.grant.membership;
    if (joined && membership) {
      // Access saw this join before the grant existed, so it could not tie it to the membership;
      // it records the presence now (once per join, so a repeated update announces nothing).
      const presence: MemberPresenceEvent = {
        membership,
        chatId: event.chatId,
        telegramUserId: event.userId,
        at: event.at,
      };
      await this.events.emitAsync(MembershipEvents.JoinAttributed, presence);
    }
    this.logger.log(
      `Star subscription ${joined ? 'join' : 'renewal'} on plan ${link.planId}: ${settled.kind}`,
    );
    return { kind: 'recorded', joined, settled };
  }

  /**
   * The plan link behind the update: the join names its link; a renewal may not (Telegram does
   * not document it), so then it is the link of the plan the member already holds in this chat.
   */
  private async linkOf(
    event: ChatMemberChangedEvent,
    joined: boolean,
  ): Promise<StarSubscriptionLinkRecord | undefined> {
    if (event.subscription || event.inviteLink) {
      const found = await this.links.findForJoin({
        chatId: event.chatId,
        inviteLink: event.inviteLink,
        linkName: event.subscription?.linkName,
      });
      if (found || joined) {
        return found;
      }
    }
    if (joined) {
      return undefined;
    }
    const held = await this.memberships.findByChatAndUser(
      event.chatId,
      event.userId,
      MEMBERSHIP_STATUSES,
    );
    // A member with access first: that is the subscription being renewed.
    held.sort(
      (a, b) =>
        Number(ACCESS_STATUSES.includes(b.status)) - Number(ACCESS_STATUSES.includes(a.status)),
    );
    for (const membership of held) {
      const link = await this.links.findByPlan(membership.planId);
      if (link?.chatId === event.chatId) {
        return link;
      }
    }
    return undefined;
  }
}

/** The plan as this period sold it: the link's terms, whatever the plan says today. */
function snapshotOf(
  name: string,
  link: StarSubscriptionLinkRecord,
  priceStars: number,
): PlanSnapshot {
  return {
    name,
    priceMinor: priceStars,
    currency: STARS_CURRENCY,
    durationDays: link.periodSeconds / (24 * 60 * 60),
    durationMinutes: null,
    billing: 'recurring',
    accessMode: 'invite_link',
    channels: [
      {
        channelId: link.channelId,
        chatId: link.chatId,
        ...(link.chatTitle ? { title: link.chatTitle } : {}),
      },
    ],
  };
}
