import { HttpStatus, Injectable } from '@nestjs/common';
import { AppException } from '../common/errors/app.exception';
import { ChannelsService } from '../channels/channels.service';
import { GrantOutcome, GrantService } from '../memberships/grant.service';
import { MembershipRepository } from '../memberships/membership.repository';
import { PlansService } from '../plans/plans.service';
import { TelegramGateway } from '../telegram/telegram.gateway';
import { UserBanChecks } from './ban-check';
import type { CheckoutResult } from './checkout/checkout.service';

/**
 * Free trials, started in the bot (where the Telegram account is proven). Once per Telegram
 * account and plan, by construction: the grant id is `trial:<planId>:<telegramUserId>`, so a
 * second request, even a concurrent one, finds the first grant instead of adding days. A buyer who
 * already had the plan is not a trial customer.
 */
@Injectable()
export class TrialService {
  constructor(
    private readonly plans: PlansService,
    private readonly channels: ChannelsService,
    private readonly grants: GrantService,
    private readonly memberships: MembershipRepository,
    private readonly bans: UserBanChecks,
    private readonly gateway: TelegramGateway,
  ) {}

  /** The web API's trial request: trials start in the bot, so the answer is the plan's link. */
  async webLink(planId: string): Promise<CheckoutResult> {
    const plan = await this.plans.findOnSale(planId);
    if (!plan) {
      throw AppException.notFound('PLAN_NOT_AVAILABLE', 'This plan is not on sale');
    }
    if (plan.trialDays <= 0) {
      throw noTrial();
    }
    const username = this.gateway.botInfo?.username;
    if (!username) {
      throw new AppException(
        HttpStatus.SERVICE_UNAVAILABLE,
        'TELEGRAM_DISABLED',
        'The Telegram bot is not available right now',
      );
    }
    return {
      kind: 'trial_in_bot',
      paymentId: null,
      provider: null,
      checkoutUrl: `https://t.me/${username}?start=plan_${plan.id}`,
      expiresAt: null,
      amountMinor: 0,
      discountMinor: 0,
      currency: plan.currency,
    };
  }

  async start(params: { planId: string; telegramUserId: number }): Promise<GrantOutcome> {
    const plan = await this.plans.findOnSale(params.planId);
    if (!plan) {
      throw AppException.notFound('PLAN_NOT_AVAILABLE', 'This plan is not on sale');
    }
    if (plan.trialDays <= 0) {
      throw noTrial();
    }
    if (await this.bans.isBanned(params.telegramUserId)) {
      throw AppException.forbidden('BUYER_BANNED', 'This Telegram account may not buy');
    }
    // Whoever already had the plan (bought, or tried it) is not a trial customer.
    if (await this.memberships.findByKey(plan.id, params.telegramUserId)) {
      throw AppException.conflict('TRIAL_NOT_ELIGIBLE', 'The free trial is for new members only');
    }
    const channels = await this.channels.requireLiveChannels(plan.sellerId, plan.channelIds);
    const outcome = await this.grants.grant({
      provider: 'trial',
      providerPaymentId: `${plan.id}:${params.telegramUserId}`,
      kind: 'trial',
      sellerId: plan.sellerId,
      planId: plan.id,
      telegramUserId: params.telegramUserId,
      channels: channels.map((c) => ({ channelId: c.id, chatId: c.chatId, title: c.title })),
      durationMinutes: plan.trialDays * 24 * 60,
      accessMode: plan.accessMode,
      // The trial itself never renews: when it ends, the member buys the plan.
      billing: 'one_off',
    });
    if (!outcome.created) {
      throw AppException.conflict(
        'TRIAL_ALREADY_USED',
        'You already used the free trial of this plan',
      );
    }
    return outcome;
  }
}

function noTrial(): AppException {
  return new AppException(
    HttpStatus.UNPROCESSABLE_ENTITY,
    'TRIAL_NOT_OFFERED',
    'This plan has no free trial',
  );
}
