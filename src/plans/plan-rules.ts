import { HttpStatus } from '@nestjs/common';
import { AppException } from '../common/errors/app.exception';
import { STARS_CURRENCY } from './currencies';
import { STAR_SUBSCRIPTION_MAX_PRICE, STARS_SUBSCRIPTION_DAYS } from './plan.types';
import type { PlanFields } from './plan.repository';

/**
 * Rules across fields, checked on the plan as it will be stored (after a PATCH is merged), so
 * that an update cannot reach a state a create would refuse.
 */
export function assertPlanRules(plan: PlanFields): void {
  if ((plan.durationDays === null) === (plan.durationMinutes === null)) {
    throw AppException.badRequest(
      'VALIDATION_FAILED',
      'give exactly one of durationDays, durationMinutes',
      [{ field: 'durationDays', errors: ['give exactly one of durationDays, durationMinutes'] }],
    );
  }
  if (plan.currency === STARS_CURRENCY) {
    if (plan.priceMinor < 1) {
      throw new AppException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'INVALID_STARS_PRICE',
        'A Telegram Stars price is a whole number of Stars, at least 1',
      );
    }
    if (plan.billing === 'recurring' && plan.durationDays !== STARS_SUBSCRIPTION_DAYS) {
      throw new AppException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'STARS_SUBSCRIPTION_PERIOD',
        `Telegram Stars subscriptions renew every ${STARS_SUBSCRIPTION_DAYS} days: set durationDays to ${STARS_SUBSCRIPTION_DAYS}`,
      );
    }
  }
  if (plan.starSubscription) {
    assertStarSubscriptionRules(plan);
  }
}

/**
 * What a Telegram Star subscription link can sell: a channel (checked by the caller, which has
 * the channel), in Stars, renewing every 30 days, joined by anyone holding the link. Nothing
 * that needs us to vet the buyer before they join (trials, limits, join requests) fits.
 */
function assertStarSubscriptionRules(plan: PlanFields): void {
  const broken: Array<[boolean, string, string]> = [
    [plan.currency !== STARS_CURRENCY, 'currency', 'the price must be in Stars (XTR)'],
    [
      plan.priceMinor > STAR_SUBSCRIPTION_MAX_PRICE,
      'priceMinor',
      `Telegram takes at most ${STAR_SUBSCRIPTION_MAX_PRICE} Stars per period`,
    ],
    [
      plan.durationDays !== STARS_SUBSCRIPTION_DAYS,
      'durationDays',
      `the period must be ${STARS_SUBSCRIPTION_DAYS} days`,
    ],
    [plan.billing !== 'recurring', 'billing', 'billing must be recurring'],
    [plan.channelIds.length !== 1, 'channelIds', 'the plan must have exactly one channel'],
    [plan.accessMode !== 'invite_link', 'accessMode', 'join requests cannot be used'],
    [plan.trialDays > 0, 'trialDays', 'a free trial cannot be offered'],
    [
      plan.limits.newCustomersOnly || plan.limits.maxMembers !== null,
      'limits',
      'anyone with the link may join, so limits cannot be enforced',
    ],
  ];
  const [, field, reason] = broken.find(([failed]) => failed) ?? [];
  if (field && reason) {
    throw starSubscriptionInvalid(field, reason);
  }
}

export function starSubscriptionInvalid(field: string, reason: string): AppException {
  return new AppException(
    HttpStatus.UNPROCESSABLE_ENTITY,
    'STAR_SUBSCRIPTION_INVALID',
    `A Telegram Star subscription plan does not fit: ${reason}`,
    { field },
  );
}

/**
 * Telegram never changes a subscription link's price or channel, and members keep paying what
 * they subscribed at, so a plan sold through one keeps its terms and the option for good.
 */
export function assertStarSubscriptionKept(current: PlanFields, next: PlanFields): void {
  if (!current.starSubscription) {
    return;
  }
  const fields: string[] = (
    ['priceMinor', 'currency', 'durationDays', 'durationMinutes', 'starSubscription'] as const
  ).filter((field) => current[field] !== next[field]);
  if (current.channelIds.join() !== next.channelIds.join()) {
    fields.push('channelIds');
  }
  if (fields.length > 0) {
    throw AppException.conflict(
      'STAR_SUBSCRIPTION_LOCKED',
      'A plan sold through a Telegram subscription link keeps its price, period and channel ' +
        '(Telegram cannot change them): create a new plan for new terms',
      { fields },
    );
  }
}
