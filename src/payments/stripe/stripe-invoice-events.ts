import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type Stripe from 'stripe';
import { Clock } from '../../common/clock/clock';
import { MembershipsService } from '../../memberships/memberships.service';
import { PaymentDecisionsRepository } from '../payment-decisions.repository';
import { PaymentSettlementService } from '../payment-settlement.service';
import type { NewPayment } from '../payment-repository.types';
import { PaymentRepository } from '../payment.repository';
import { PaymentStatus, PaymentView, utcDay } from '../payment.types';
import { PaymentEvents, PaymentFailedEvent } from '../payments.events';
import {
  currencyOf,
  invoiceMetadata,
  invoicePaymentIntentId,
  invoiceSubscriptionId,
  isFirstInvoice,
} from './stripe-objects';
import { paymentInScope, StripeScope } from './stripe-scope';

/** What an invoice event is about, once its subscription's checkout payment is found. */
interface InvoiceContext {
  invoice: Stripe.Invoice;
  subscriptionId: string;
  /** The checkout payment that started the subscription. */
  root: PaymentView;
}

/**
 * invoice.paid and invoice.payment_failed of our subscriptions. The first invoice settles the
 * checkout payment (under the invoice id, like checkout.session.completed does); every later one
 * is a renewal: its own payment document (keyed by the invoice id) and its own grant (the plan's
 * duration, stacked onto the paid time). A renewal of a subscription that has ended is recorded
 * but never granted: Stripe does not order webhooks, and a late "paid" must not revive it.
 * A failed renewal is announced (payment.failed); the access domain starts the grace period.
 */
@Injectable()
export class StripeInvoiceEvents {
  private readonly logger = new Logger(StripeInvoiceEvents.name);

  constructor(
    private readonly payments: PaymentRepository,
    private readonly decisions: PaymentDecisionsRepository,
    private readonly settlement: PaymentSettlementService,
    private readonly memberships: MembershipsService,
    private readonly events: EventEmitter2,
    private readonly clock: Clock,
  ) {}

  async paid(invoice: Stripe.Invoice, scope: StripeScope): Promise<string> {
    const context = await this.contextOf(invoice, scope);
    if (!context) {
      return 'ignored: not a subscription of this account';
    }
    const { root, subscriptionId } = context;
    const paymentIntentId = invoicePaymentIntentId(invoice);
    const customerId =
      typeof invoice.customer === 'string' ? invoice.customer : invoice.customer?.id;
    const stripe = {
      account: root.stripe?.account ?? 'platform',
      ...(paymentIntentId ? { paymentIntentId } : {}),
      ...(customerId ? { customerId } : {}),
      invoiceIds: [invoice.id],
    };
    if (isFirstInvoice(invoice)) {
      await this.addRefs(root, invoice.id, paymentIntentId);
      const outcome = await this.settlement.settle({
        payment: root,
        providerPaymentId: invoice.id,
        stripe,
        subscriptionId,
      });
      return outcome.kind;
    }
    const { payment } = await this.renewalPayment(context, 'pending');
    await this.addRefs(payment, invoice.id, paymentIntentId);
    if (await this.decisions.subscriptionEnded(subscriptionId)) {
      await this.payments.markCancelled(
        payment.id,
        'The subscription had ended before this renewal was processed: not granted. Refund it if the customer should not pay for it.',
        this.clock.now(),
      );
      this.logger.warn(
        `Late renewal ${invoice.id} of ended subscription ${subscriptionId}: not granted`,
      );
      return 'ignored: subscription ended';
    }
    const outcome = await this.settlement.settle({
      payment,
      providerPaymentId: invoice.id,
      stripe,
      subscriptionId,
    });
    return `renewal ${outcome.kind}`;
  }

  async paymentFailed(invoice: Stripe.Invoice, scope: StripeScope): Promise<string> {
    const context = await this.contextOf(invoice, scope);
    if (!context) {
      return 'ignored: not a subscription of this account';
    }
    if (isFirstInvoice(invoice)) {
      // Checkout shows the decline to the customer; no session completes, nothing to undo.
      return 'ignored: first invoice';
    }
    const { root, subscriptionId } = context;
    const reason = `Renewal charge declined (attempt ${invoice.attempt_count})`;
    const { payment } = await this.renewalPayment(context, 'failed', reason);
    await this.addRefs(payment, invoice.id, invoicePaymentIntentId(invoice));
    if (payment.status === 'pending') {
      await this.payments.markFailed(payment.id, reason, this.clock.now());
    }
    if (payment.status === 'succeeded' || payment.status === 'refunded') {
      return `ignored: renewal already ${payment.status}`;
    }
    // The access domain starts the grace period (and tells the member) on payment.failed.
    const membership = await this.memberships.findBySubscription(subscriptionId);
    const telegramUserId = membership?.telegramUserId ?? (await this.settlement.recipientOf(root));
    const event: PaymentFailedEvent = {
      payment: { ...payment, status: 'failed', failureReason: reason },
      sellerId: payment.sellerId,
      membershipId: membership?.id,
      telegramUserId,
      subscriptionId,
      attempt: invoice.attempt_count,
      reason,
      at: this.clock.now(),
    };
    await this.events.emitAsync(PaymentEvents.Failed, event);
    return membership ? 'failed: grace requested' : 'failed: no membership';
  }

  private async contextOf(
    invoice: Stripe.Invoice,
    scope: StripeScope,
  ): Promise<InvoiceContext | undefined> {
    const subscriptionId = invoiceSubscriptionId(invoice);
    if (!subscriptionId || !invoice.id) {
      return undefined;
    }
    const paymentId =
      invoiceMetadata(invoice).paymentId ??
      (await this.decisions.findRef('subscription', subscriptionId))?.paymentId;
    const root = paymentId ? await this.payments.findAnywhere(paymentId) : undefined;
    if (!root || !paymentInScope(root, scope) || root.kind !== 'purchase') {
      return undefined;
    }
    return { invoice, subscriptionId, root };
  }

  /** The renewal's own payment, created on first sight of its invoice (paid or failed). */
  private renewalPayment(
    context: InvoiceContext,
    status: PaymentStatus,
    failureReason?: string,
  ): Promise<{ payment: PaymentView; created: boolean }> {
    const { invoice, root, subscriptionId } = context;
    const now = this.clock.now();
    const renewal: NewPayment = {
      sellerId: root.sellerId,
      planId: root.planId,
      plan: root.plan,
      kind: 'renewal',
      parentPaymentId: root.id,
      provider: 'stripe',
      status,
      amountMinor: status === 'failed' ? invoice.amount_due : invoice.amount_paid,
      discountMinor: 0,
      currency: currencyOf(invoice.currency),
      customer: root.customer,
      stripe: { account: root.stripe?.account ?? 'platform', invoiceIds: [invoice.id] },
      subscriptionId,
      ...(failureReason ? { failureReason } : {}),
      createdAt: now,
      day: utcDay(now),
    };
    return this.payments.insertOnce(`stripe:invoice:${invoice.id}`, renewal);
  }

  private async addRefs(
    payment: PaymentView,
    invoiceId: string,
    paymentIntentId: string | undefined,
  ): Promise<void> {
    const base = { paymentId: payment.id, sellerId: payment.sellerId, at: this.clock.now() };
    await this.decisions.addRef({ ...base, kind: 'invoice', ref: invoiceId });
    if (paymentIntentId) {
      await this.decisions.addRef({ ...base, kind: 'payment_intent', ref: paymentIntentId });
    }
  }
}
