import { HttpStatus } from '@nestjs/common';
import { AppException } from '../common/errors/app.exception';
import { STARS_CURRENCY } from './currencies';
import { STARS_SUBSCRIPTION_DAYS } from './plan.types';
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
}
