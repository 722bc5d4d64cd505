import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { InlineKeyboardButton } from 'telegraf/types';
import { AppException } from '../../common/errors/app.exception';
import { STARS_CURRENCY } from '../../plans/currencies';
import type { SaleablePlan } from '../../plans/plans.service';
import { StarSubscriptionLinksService } from '../../plans/star-subscription/star-subscription-links.service';
import { StartPayloadRegistry, StartRequest } from '../../telegram/start/start-payload.registry';
import { UserBanChecks } from '../ban-check';
import { BotCheckoutLinks } from './bot-checkout-links';
import { CheckoutService } from '../checkout/checkout.service';
import { StarsInvoices } from '../stars/stars-invoices';
import { TrialService } from '../trial.service';
import { formatDuration, formatPrice } from './format-price';

export const OFFER_CHOICES = ['stars', 'trial'] as const;
export type OfferChoice = (typeof OFFER_CHOICES)[number];

/** Callback data of the offer's buttons: `pay:<choice>:<planId>` (well under 64 bytes). */
export const OFFER_ACTION = /^pay:(stars|trial):([0-9a-f]{24})$/;

export interface OfferReply {
  text: string;
  buttons?: InlineKeyboardButton[][];
}

/**
 * The bot's shop window: `/start plan_<id>` shows the plan (name, price, length, channels) with
 * its payment choices, and a pressed button starts that payment for the Telegram user who pressed
 * it, so no claim step is needed: Stars (an invoice in the chat, or an invoice link for a Stars
 * subscription), card (a signed link to our /checkout/bot, which opens a Stripe Checkout for this
 * user when clicked: the update never waits for Stripe), or the free trial.
 */
@Injectable()
export class PlanOfferService implements OnModuleInit {
  private readonly logger = new Logger(PlanOfferService.name);

  constructor(
    private readonly starts: StartPayloadRegistry,
    private readonly checkout: CheckoutService,
    private readonly stars: StarsInvoices,
    private readonly trials: TrialService,
    private readonly bans: UserBanChecks,
    private readonly cardLinks: BotCheckoutLinks,
    private readonly starLinks: StarSubscriptionLinksService,
  ) {}

  onModuleInit(): void {
    this.starts.register('plan', (request) => this.show(request));
  }

  async show(request: StartRequest<'plan'>): Promise<void> {
    const reply = await this.offer(request.payload.planId, request.user.id);
    await request.reply(
      reply.text,
      reply.buttons ? { reply_markup: { inline_keyboard: reply.buttons } } : undefined,
    );
  }

  async offer(planId: string, telegramUserId: number): Promise<OfferReply> {
    const plan = await this.checkout.saleablePlan(planId).catch(() => undefined);
    if (!plan) {
      return { text: 'This plan is not on sale any more.' };
    }
    if (await this.bans.isBanned(telegramUserId)) {
      return { text: 'This account may not buy here.' };
    }
    if (plan.starSubscription) {
      return this.subscriptionOffer(plan);
    }
    const buttons: InlineKeyboardButton[][] = [];
    const price = formatPrice(plan.priceMinor, plan.currency);
    if (plan.priceMinor > 0) {
      buttons.push([
        plan.currency === STARS_CURRENCY
          ? { text: `Pay ${price}`, callback_data: `pay:stars:${plan.id}` }
          : {
              text: `Pay ${price} by card`,
              url: this.cardLinks.urlFor({ planId: plan.id, telegramUserId }),
            },
      ]);
    }
    if (plan.trialDays > 0) {
      buttons.push([
        { text: `Try it free for ${plan.trialDays} days`, callback_data: `pay:trial:${plan.id}` },
      ]);
    }
    return { text: await this.describe(plan), buttons };
  }

  /** A pressed offer button; the answer is sent to the user's chat. */
  async choose(params: {
    choice: OfferChoice;
    planId: string;
    telegramUserId: number;
    chatId: number;
  }): Promise<OfferReply> {
    try {
      switch (params.choice) {
        case 'stars':
          return await this.payWithStars(params);
        case 'trial':
          await this.trials.start(params);
          return { text: 'Your free trial has started: your invite links are on the way.' };
      }
    } catch (error) {
      if (error instanceof AppException) {
        return { text: error.message };
      }
      this.logger.error(
        `Offer ${params.choice} of ${params.planId} failed: ${(error as Error).message}`,
      );
      return { text: 'Something went wrong. Please try again in a minute.' };
    }
  }

  private async payWithStars(params: {
    planId: string;
    telegramUserId: number;
    chatId: number;
  }): Promise<OfferReply> {
    const plan = await this.checkout.saleablePlan(params.planId);
    if (plan.starSubscription) {
      // A button of an offer shown before the plan took its subscription link.
      return this.subscriptionOffer(plan);
    }
    if (plan.billing === 'recurring') {
      // Only an invoice link can carry a Stars subscription period.
      const result = await this.checkout.start({
        planId: plan.id,
        telegramUserId: params.telegramUserId,
        provider: 'stars',
      });
      return {
        text: 'This is a monthly Stars subscription; cancel it any time in Telegram.',
        buttons: [
          [
            {
              text: `Subscribe for ${formatPrice(result.amountMinor, 'XTR')}`,
              url: result.checkoutUrl,
            },
          ],
        ],
      };
    }
    const payment = await this.checkout.startStarsInBot({
      planId: plan.id,
      telegramUserId: params.telegramUserId,
    });
    await this.stars.send(payment, params.chatId);
    return { text: 'Here is your invoice. Your invite links arrive as soon as it is paid.' };
  }

  /**
   * A plan sold through its channel's Telegram subscription link: the link is the way to pay
   * (Telegram takes the Stars and renews every 30 days; the join is recorded from chat_member).
   */
  private async subscriptionOffer(plan: SaleablePlan): Promise<OfferReply> {
    const [text, link] = await Promise.all([
      this.describe(plan),
      this.starLinks.findByPlan(plan.id),
    ]);
    if (!link?.inviteLink) {
      return { text: `${text}\n\nThe subscription link is being prepared: try again in a minute.` };
    }
    return {
      text: `${text}\n\nTelegram renews it every 30 days; cancel any time in Telegram.`,
      buttons: [
        [
          {
            text: `Subscribe for ${formatPrice(link.priceStars, STARS_CURRENCY)} a month`,
            url: link.inviteLink,
          },
        ],
      ],
    };
  }

  private async describe(plan: SaleablePlan): Promise<string> {
    const { channels } = await this.checkout.snapshotOf(plan);
    const renews = plan.billing === 'recurring' ? ' (renews automatically)' : '';
    return [
      plan.name,
      ...(plan.description ? ['', plan.description] : []),
      '',
      `Price: ${formatPrice(plan.priceMinor, plan.currency)}${renews}`,
      `Access: ${formatDuration(plan)}`,
      `Channels: ${channels.map((c) => c.title ?? String(c.chatId)).join(', ')}`,
    ].join('\n');
  }
}
