import { Injectable } from '@nestjs/common';
import { ClaimOutcome, PaymentClaimsService } from './payment-claims.service';
import { PaymentRepository } from './payment.repository';
import type { PaymentView } from './payment.types';

export interface RevenueReport {
  /** All-time succeeded revenue per currency (refunded payments excluded). */
  totals: Array<{ currency: string; amountMinor: number }>;
  /** Per UTC day and currency, for the days asked. */
  byDay: Array<{ day: string; currency: string; amountMinor: number }>;
}

/**
 * What other domains ask of payments: the claim of a web payment (the bot's claim deep link),
 * revenue for the seller's stats, and the purge of never-paid checkouts (erasure: see
 * PaymentErasureService).
 */
@Injectable()
export class PaymentsService {
  constructor(
    private readonly payments: PaymentRepository,
    private readonly claims: PaymentClaimsService,
  ) {}

  /** See PaymentClaimsService.redeem for the error codes. */
  redeemClaim(params: { token: string; telegramUserId: number }): Promise<ClaimOutcome> {
    return this.claims.redeem(params);
  }

  findForSeller(sellerId: string, paymentId: string): Promise<PaymentView | undefined> {
    return this.payments.findById(sellerId, paymentId);
  }

  /** Days are `YYYY-MM-DD` (UTC), both ends included. */
  async revenue(params: {
    sellerId: string;
    fromDay: string;
    toDay: string;
  }): Promise<RevenueReport> {
    const [totals, byDay] = await Promise.all([
      this.payments.revenueByCurrency(params.sellerId),
      this.payments.revenueByDay(params),
    ]);
    return {
      totals: [...totals.entries()]
        .map(([currency, amountMinor]) => ({ currency, amountMinor }))
        .sort((a, b) => a.currency.localeCompare(b.currency)),
      byDay,
    };
  }

  /** Platform-wide succeeded payments and revenue per currency, days inclusive (admin stats). */
  platformTotals(params: {
    fromDay: string;
    toDay: string;
  }): Promise<Array<{ currency: string; count: number; amountMinor: number }>> {
    return this.payments.platformTotalsByCurrency(params);
  }

  /** Any seller's payments by id (admin recovery tools); unknown ids are left out. */
  findManyAnywhere(paymentIds: string[]): Promise<PaymentView[]> {
    return this.payments.findManyAnywhere(paymentIds);
  }

  /** Ids of payments by a customer's e-mail or Telegram id, newest first (admin search). */
  idsOfCustomerAnywhere(params: {
    email?: string;
    telegramUserId?: number;
    limit: number;
  }): Promise<string[]> {
    return this.payments.idsOfCustomerAnywhere(params);
  }

  /** Succeeded payments paid in [from, to], oldest first (the delivery-recovery sweep). */
  findSucceededPaidBetween(params: {
    from: Date;
    to: Date;
    limit: number;
  }): Promise<PaymentView[]> {
    return this.payments.findSucceededPaidBetween(params);
  }

  /** Deletes checkouts never paid (pending, expired, failed) created before `olderThan`. */
  purgeUnpaid(params: { olderThan: Date }): Promise<number> {
    return this.payments.purgeUnpaid(params.olderThan);
  }
}
