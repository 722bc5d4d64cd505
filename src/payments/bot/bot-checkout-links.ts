import { Inject, Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Clock } from '../../common/clock/clock';
import { APP_CONFIG, AppConfig } from '../../config/app-config';

/** A card link from the bot is good for this long (then the buyer opens the plan link again). */
const LINK_TTL_MS = 24 * 60 * 60 * 1000;

export interface BotCheckoutLink {
  planId: string;
  telegramUserId: number;
}

/**
 * The bot's "Pay by card" button is a URL to our own `/checkout/bot`, which opens the Stripe
 * Checkout Session when the buyer clicks: the Telegram update that showed the offer never waits
 * for Stripe. The link names the buyer's Telegram account and expires; an HMAC (keyed from
 * JWT_SECRET) stops anyone from making one for another account or plan.
 */
@Injectable()
export class BotCheckoutLinks {
  private readonly key: Buffer;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.key = createHmac('sha256', config.jwtSecret).update('membergate:bot-checkout').digest();
  }

  urlFor(link: BotCheckoutLink): string {
    const exp = Math.floor((this.clock.now().getTime() + LINK_TTL_MS) / 1000);
    const query = new URLSearchParams({
      plan: link.planId,
      tg: String(link.telegramUserId),
      exp: String(exp),
      sig: this.sign(link, exp),
    });
    return `${this.config.publicUrl}/checkout/bot?${query.toString()}`;
  }

  /** The link's buyer and plan, or undefined when it is forged, malformed or expired. */
  verify(query: Record<string, unknown>): BotCheckoutLink | undefined {
    const { plan, tg, exp, sig } = query;
    if (
      typeof plan !== 'string' ||
      !/^[0-9a-f]{24}$/.test(plan) ||
      typeof tg !== 'string' ||
      !/^\d{1,16}$/.test(tg) ||
      typeof exp !== 'string' ||
      !/^\d{1,12}$/.test(exp) ||
      typeof sig !== 'string'
    ) {
      return undefined;
    }
    const link = { planId: plan, telegramUserId: Number(tg) };
    const expected = Buffer.from(this.sign(link, Number(exp)));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      return undefined;
    }
    return Number(exp) * 1000 > this.clock.now().getTime() ? link : undefined;
  }

  private sign(link: BotCheckoutLink, exp: number): string {
    return createHmac('sha256', this.key)
      .update(`${link.planId}:${link.telegramUserId}:${exp}`)
      .digest('base64url');
  }
}
