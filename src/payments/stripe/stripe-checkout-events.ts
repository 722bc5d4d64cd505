import { Injectable, Logger } from '@nestjs/common';
import type Stripe from 'stripe';
import { Clock } from '../../common/clock/clock';
import { PromoCodesService } from '../../promo-codes/promo-codes.service';
import { PaymentDecisionsRepository } from '../payment-decisions.repository';
import { PaymentSettlementService } from '../payment-settlement.service';
import { PaymentRepository } from '../payment.repository';
import type { PaymentView, StoredStripeRefs } from '../payment.types';
import { currencyOf, idOf } from './stripe-objects';
import { paymentInScope, StripeScope } from './stripe-scope';

/**
 * checkout.session.completed and checkout.session.expired. The grant's provider payment id is
 * the session id for a one-off payment and the subscription's first invoice id for a
 * subscription: `invoice.paid` of that first invoice grants under the same id, so whichever of
 * the two events arrives first grants and the other finds the grant already there.
 */
@Injectable()
export class StripeCheckoutEvents {
  private readonly logger = new Logger(StripeCheckoutEvents.name);

  constructor(
    private readonly payments: PaymentRepository,
    private readonly decisions: PaymentDecisionsRepository,
    private readonly settlement: PaymentSettlementService,
    private readonly promoCodes: PromoCodesService,
    private readonly clock: Clock,
  ) {}

  async completed(session: Stripe.Checkout.Session, scope: StripeScope): Promise<string> {
    const payment = await this.paymentOf(session, scope);
    if (!payment) {
      return 'ignored: no payment of this account';
    }
    if (session.payment_status === 'unpaid') {
      return 'ignored: session not paid yet';
    }
    if (
      session.amount_total !== payment.amountMinor ||
      currencyOf(session.currency) !== payment.currency
    ) {
      this.logger.error(
        `Session ${session.id} charged ${session.amount_total} ${session.currency}, payment ${payment.id} expects ${payment.amountMinor} ${payment.currency}: not granted`,
      );
      return 'ignored: amount mismatch';
    }
    const subscriptionId = idOf(session.subscription);
    const firstInvoiceId = idOf(session.invoice);
    if (session.mode === 'subscription' && !firstInvoiceId) {
      throw new Error(`Subscription session ${session.id} has no invoice`);
    }
    const paymentIntentId = idOf(session.payment_intent);
    const customerId = idOf(session.customer);
    if (session.mode === 'subscription') {
      // A one-off payment is found from its charge by the metadata Stripe copies onto it; a
      // subscription's charges carry none, so their ids are recorded.
      await this.recordRefs(payment, { subscriptionId, invoiceId: firstInvoiceId });
    }
    const stripe: StoredStripeRefs = {
      account: payment.stripe?.account ?? 'platform',
      ...(paymentIntentId ? { paymentIntentId } : {}),
      ...(customerId ? { customerId } : {}),
      invoiceIds: firstInvoiceId ? [firstInvoiceId] : [],
    };
    const details = session.customer_details;
    const outcome = await this.settlement.settle({
      payment,
      providerPaymentId: session.mode === 'subscription' ? firstInvoiceId! : session.id,
      customer: {
        ...(details?.email && !payment.customer.email ? { email: details.email } : {}),
        ...(details?.name && !payment.customer.name ? { name: details.name } : {}),
      },
      stripe,
      ...(subscriptionId ? { subscriptionId } : {}),
    });
    return outcome.kind;
  }

  async expired(session: Stripe.Checkout.Session, scope: StripeScope): Promise<string> {
    const payment = await this.paymentOf(session, scope);
    if (!payment) {
      return 'ignored: no payment of this account';
    }
    const expired = await this.payments.markExpired(payment.id, this.clock.now());
    if (payment.promoCodeId) {
      await this.promoCodes.release({ promoCodeId: payment.promoCodeId, paymentId: payment.id });
    }
    return expired ? 'expired' : `ignored: payment is ${payment.status}`;
  }

  private async paymentOf(
    session: Stripe.Checkout.Session,
    scope: StripeScope,
  ): Promise<PaymentView | undefined> {
    const paymentId = session.metadata?.paymentId ?? session.client_reference_id ?? undefined;
    const payment =
      (paymentId ? await this.payments.findAnywhere(paymentId) : undefined) ??
      (await this.payments.findByCheckoutSession(session.id));
    if (!payment || !paymentInScope(payment, scope)) {
      return undefined;
    }
    // The session must be the one this payment's checkout created (when it is recorded yet).
    const known = payment.stripe?.checkoutSessionId;
    return known === undefined || known === session.id ? payment : undefined;
  }

  private async recordRefs(
    payment: PaymentView,
    ids: { subscriptionId?: string; invoiceId?: string },
  ): Promise<void> {
    const at = this.clock.now();
    const base = { paymentId: payment.id, sellerId: payment.sellerId, at };
    if (ids.subscriptionId) {
      await this.decisions.addRef({ ...base, kind: 'subscription', ref: ids.subscriptionId });
    }
    if (ids.invoiceId) {
      await this.decisions.addRef({ ...base, kind: 'invoice', ref: ids.invoiceId });
    }
  }
}
