import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import type { PaymentView } from '../payments/payment.types';
import { PaymentsService } from '../payments/payments.service';
import type { DeliveryStatus } from './delivery-status';
import { DeliveryStatusService } from './delivery-status.service';
import { DeliveryWatchRepository, WatchFilter } from './delivery-watch.repository';
import { RecoveryWorklist } from './recovery-worklist.service';
import type { RecoveryAttemptRecord } from './recovery-attempt.repository';

const SEARCH_LIMIT = 200;
const PAYMENT_ID = /^[0-9a-f]{24}$/;

/** A paid payment with its delivery state (derived from the outbox at the time of the answer). */
export interface PaymentDeliveryView {
  paymentId: string;
  sellerId: string;
  planId: string | null;
  provider: string | null;
  amountMinor: number | null;
  currency: string | null;
  paidAt: Date;
  telegramUserId: number | null;
  email: string | null;
  linkDelivered: boolean;
  deliveryStatus: DeliveryStatus;
  deliveryAttempts: number;
  lastDeliveryAttempt: Date | null;
  failureReason: string | null;
  recoveryCompleted: boolean;
  recoveryAttempts: number;
  recoveryExhausted: boolean;
  attempts: Array<Pick<RecoveryAttemptRecord, 'n' | 'trigger' | 'action' | 'at' | 'detail' | 'by'>>;
}

export interface RecoveryStats {
  totalSuccessful: number;
  delivered: number;
  failed: number;
  pending: number;
  /** Payments recovery acted on that now have access. */
  recovered: number;
  /** Payments recovery had to act on. */
  neededRecovery: number;
  /** delivered / totalSuccessful (1 when there is nothing yet). */
  deliverySuccessRate: number;
  /** recovered / neededRecovery (1 when nothing needed recovery). */
  recoverySuccessRate: number;
}

export interface FailedDeliveriesQuery {
  status?: DeliveryStatus;
  sellerId?: string;
  from?: Date;
  to?: Date;
  /** A payment id, a Telegram user id or an e-mail. */
  search?: string;
  limit: number;
  offset: number;
}

/**
 * The admin's read side of delivery recovery: statistics, lists and one payment's state. Lists
 * and statistics first put the day's paid payments on the worklist, so a payment paid seconds
 * ago (before its delayed check) is counted too.
 */
@Injectable()
export class RecoveryQueryService {
  constructor(
    private readonly watches: DeliveryWatchRepository,
    private readonly status: DeliveryStatusService,
    private readonly payments: PaymentsService,
    private readonly worklist: RecoveryWorklist,
    private readonly clock: Clock,
  ) {}

  async stats(): Promise<RecoveryStats> {
    await this.worklist.trackRecentlyPaid({ upTo: this.clock.now() });
    const [totalSuccessful, delivered, failed, recovered, neededRecovery] = await Promise.all([
      this.watches.count(),
      this.watches.count({ statuses: ['success'] }),
      this.watches.count({ statuses: ['failed'] }),
      this.watches.count({ recoveryTried: true, recoveryCompleted: true }),
      this.watches.count({ recoveryTried: true }),
    ]);
    return {
      totalSuccessful,
      delivered,
      failed,
      pending: totalSuccessful - delivered - failed,
      recovered,
      neededRecovery,
      deliverySuccessRate: rate(delivered, totalSuccessful),
      recoverySuccessRate: rate(recovered, neededRecovery),
    };
  }

  /** Not delivered (or the status asked for), newest payment first. */
  async failedDeliveries(
    query: FailedDeliveriesQuery,
  ): Promise<{ items: PaymentDeliveryView[]; total: number; limit: number; offset: number }> {
    await this.worklist.trackRecentlyPaid({ upTo: this.clock.now() });
    const filter: WatchFilter = {
      statuses: query.status ? [query.status] : ['pending', 'failed'],
      ...(query.sellerId ? { sellerId: query.sellerId } : {}),
      ...(query.from ? { paidFrom: query.from } : {}),
      ...(query.to ? { paidTo: query.to } : {}),
    };
    if (query.search) {
      filter.paymentIds = await this.searchPaymentIds(query.search.trim());
    }
    const page = await this.watches.list({ filter, skip: query.offset, limit: query.limit });
    const items = await this.views(page.items.map((w) => w.paymentId));
    return { items, total: page.total, limit: query.limit, offset: query.offset };
  }

  async statusOf(paymentId: string): Promise<PaymentDeliveryView | undefined> {
    const [view] = await this.views([paymentId]);
    return view;
  }

  /** Fresh views, recomputed from the jobs now (the list's filter may be a moment stale). */
  async views(paymentIds: string[]): Promise<PaymentDeliveryView[]> {
    const payments = new Map(
      (await this.payments.findManyAnywhere(paymentIds)).map((p) => [p.id, p]),
    );
    const views: PaymentDeliveryView[] = [];
    for (const paymentId of paymentIds) {
      const watch = await this.watches.findOne(paymentId);
      const payment = payments.get(paymentId);
      if (!watch && !payment?.grantId) {
        continue;
      }
      const { state, attempts } = await this.status.snapshot(paymentId);
      await this.status.store(paymentId, state);
      views.push({
        paymentId,
        sellerId: payment?.sellerId ?? watch!.sellerId,
        planId: payment?.planId ?? null,
        provider: payment?.provider ?? null,
        amountMinor: payment?.amountMinor ?? null,
        currency: payment?.currency ?? null,
        paidAt: watch?.paidAt ?? paidAtOf(payment!),
        telegramUserId: payment?.customer.telegramUserId ?? null,
        email: payment?.customer.email ?? null,
        linkDelivered: state.linkDelivered,
        deliveryStatus: state.deliveryStatus,
        deliveryAttempts: state.deliveryAttempts,
        lastDeliveryAttempt: state.lastDeliveryAttempt,
        failureReason: state.failureReason,
        recoveryCompleted: state.recoveryCompleted,
        recoveryAttempts: state.recoveryAttempts,
        recoveryExhausted: watch?.exhausted ?? false,
        attempts: attempts.map(({ n, trigger, action, at, detail, by }) => ({
          n,
          trigger,
          action,
          at,
          ...(detail ? { detail } : {}),
          ...(by ? { by } : {}),
        })),
      });
    }
    return views;
  }

  private async searchPaymentIds(search: string): Promise<string[]> {
    if (PAYMENT_ID.test(search)) {
      return [search];
    }
    if (/^\d{1,16}$/.test(search)) {
      return this.payments.idsOfCustomerAnywhere({
        telegramUserId: Number(search),
        limit: SEARCH_LIMIT,
      });
    }
    return this.payments.idsOfCustomerAnywhere({
      email: search.toLowerCase(),
      limit: SEARCH_LIMIT,
    });
  }
}

function rate(part: number, whole: number): number {
  return whole === 0 ? 1 : Math.round((part / whole) * 10_000) / 10_000;
}

function paidAtOf(payment: PaymentView): Date {
  return payment.paidAt ?? payment.createdAt;
}
