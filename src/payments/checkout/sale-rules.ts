import { Injectable } from '@nestjs/common';
import { AppException } from '../../common/errors/app.exception';
import { ACCESS_STATUSES } from '../../memberships/membership-status';
import { MembershipRepository } from '../../memberships/membership.repository';
import type { SaleablePlan } from '../../plans/plans.service';
import { PaymentRepository } from '../payment.repository';

/**
 * The plan's own limits, checked before a checkout starts (and again at Stars pre-checkout).
 * They are checked, not reserved: two last buyers paying at once may both get in, which sellers
 * prefer to refusing a payment already made.
 */
@Injectable()
export class SaleRules {
  constructor(
    private readonly memberships: MembershipRepository,
    private readonly payments: PaymentRepository,
  ) {}

  async assertCanBuy(params: {
    plan: SaleablePlan;
    telegramUserId?: number;
    email?: string;
  }): Promise<void> {
    const { plan, telegramUserId } = params;
    const current =
      telegramUserId === undefined
        ? undefined
        : await this.memberships.findByKey(plan.id, telegramUserId);
    const isMember = current !== undefined && ACCESS_STATUSES.includes(current.status);
    if (plan.limits.maxMembers !== null && !isMember) {
      const members = await this.memberships.countWithAccess({
        sellerId: plan.sellerId,
        planId: plan.id,
      });
      if (members >= plan.limits.maxMembers) {
        throw AppException.conflict('PLAN_SOLD_OUT', 'This plan has no places left');
      }
    }
    if (plan.limits.newCustomersOnly && (await this.isKnownCustomer(plan.sellerId, params))) {
      throw AppException.conflict(
        'NEW_CUSTOMERS_ONLY',
        'This plan is for new customers only, and you already bought from this seller',
      );
    }
  }

  private async isKnownCustomer(
    sellerId: string,
    buyer: { telegramUserId?: number; email?: string },
  ): Promise<boolean> {
    if (buyer.telegramUserId !== undefined) {
      const page = await this.memberships.listForSeller({
        sellerId,
        telegramUserId: buyer.telegramUserId,
        skip: 0,
        limit: 1,
      });
      if (page.total > 0) {
        return true;
      }
    }
    return (
      buyer.email !== undefined && this.payments.hasPaidBefore({ sellerId, email: buyer.email })
    );
  }
}
