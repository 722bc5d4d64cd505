import type { FakeCore } from '../core';
import { StripeFakeDriverError } from '../errors';
import type { FaultRule } from '../http/faults';
import type { RecordedRequest, RequestFilter } from '../http/request-log';
import type { ApiObject, StripeEvent, StripeEventType } from '../objects/event';
import type { CompleteCheckoutOptions } from '../services/checkout.service';
import type { AccountState } from '../state/account-state';
import { deliverEvent, type DeliveryResult, type DeliveryTarget } from '../webhooks/delivery';
import { signEvent, type SignedPayload } from '../webhooks/signing';

/**
 * What tests do to the fake besides calling its API: act as the customer and as Stripe's own
 * machinery (renewals, declines), sign and deliver the resulting events, inject faults, and
 * inspect requests and state. Each action returns the events Stripe would send for it, in order.
 */
export class StripeFakeDrivers {
  protected constructor(protected readonly core: FakeCore) {}

  /**
   * The customer pays a Checkout Session. Payment mode: a payment intent and charge (and a
   * customer if `customer_creation=always` or the session named one). Subscription mode: a
   * customer, an active subscription and its paid first invoice. Returns `checkout.session.completed`
   * and, for subscriptions, `invoice.paid` (first by default; see `eventOrder`).
   */
  completeCheckout(sessionId: string, options: CompleteCheckoutOptions = {}): StripeEvent[] {
    return this.core.services.checkout.complete(this.owner(sessionId), sessionId, options);
  }

  /** The session times out unpaid: `checkout.session.expired`. */
  expireCheckout(sessionId: string): StripeEvent[] {
    return [this.core.services.checkout.expire(this.owner(sessionId), sessionId, null).event];
  }

  /**
   * The current period ends and is paid: `customer.subscription.updated` (new period) and
   * `invoice.paid` (billing_reason subscription_cycle). After `failRenewal`, pays the open invoice
   * instead (status back to active). With cancel_at_period_end, the subscription ends:
   * `customer.subscription.deleted`.
   */
  renewSubscription(subscriptionId: string): StripeEvent[] {
    return this.core.services.billing.renew(this.owner(subscriptionId), subscriptionId);
  }

  /**
   * The renewal charge is declined: `customer.subscription.updated` (past_due, new period) and
   * `invoice.payment_failed`. Called again while past_due: another `invoice.payment_failed`.
   */
  failRenewal(subscriptionId: string): StripeEvent[] {
    return this.core.services.billing.failRenewal(this.owner(subscriptionId), subscriptionId);
  }

  /**
   * The customer cancels (e.g. in the billing portal): `customer.subscription.deleted` now, or
   * with `atPeriodEnd` a `customer.subscription.updated` setting cancel_at_period_end.
   */
  cancelSubscription(
    subscriptionId: string,
    options: { atPeriodEnd?: boolean } = {},
  ): StripeEvent[] {
    const account = this.owner(subscriptionId);
    return [this.core.services.subscriptions.cancelByCustomer(account, subscriptionId, options)];
  }

  /** A refund made outside the product (e.g. in the Dashboard): `charge.refunded`. */
  refund(paymentIntentOrChargeId: string, amount?: number): StripeEvent[] {
    const account = this.owner(paymentIntentOrChargeId);
    const { event } = this.core.services.payments.refund(account, {
      target: paymentIntentOrChargeId,
      targetParam: paymentIntentOrChargeId.startsWith('pi_') ? 'payment_intent' : 'charge',
      amount,
      origin: null,
    });
    return [event];
  }

  /** Signs an event as Stripe would for an endpoint with this secret. */
  signEvent(event: object, webhookSecret: string, timestamp?: number): SignedPayload {
    return signEvent(event, webhookSecret, timestamp);
  }

  /** POSTs a signed event to a webhook URL and returns the endpoint's answer. */
  deliver(event: StripeEvent, target: DeliveryTarget): Promise<DeliveryResult> {
    return deliverEvent(event, target);
  }

  /** Delivers events one after another, in order, stopping at nothing; returns every answer. */
  async deliverAll(
    events: readonly StripeEvent[],
    target: DeliveryTarget,
  ): Promise<DeliveryResult[]> {
    const results: DeliveryResult[] = [];
    for (const event of events) {
      results.push(await deliverEvent(event, target));
    }
    return results;
  }

  /** Every event so far (API- and driver-caused), oldest first, optionally filtered. */
  events(filter: { secretKey?: string; type?: StripeEventType } = {}): StripeEvent[] {
    const accounts =
      filter.secretKey === undefined
        ? this.core.store.all().map(({ account }) => account)
        : [this.core.store.existing(filter.secretKey)].filter(
            (account): account is AccountState => account !== undefined,
          );
    return accounts
      .flatMap((account) => account.events)
      .filter((event) => filter.type === undefined || event.type === filter.type)
      .sort((a, b) => a.created - b.created);
  }

  /** A copy of any stored object by id, whichever account holds it. */
  retrieve<T extends ApiObject = ApiObject>(id: string): T | undefined {
    const found = this.core.store.owning(id)?.find(id);
    return found === undefined ? undefined : (structuredClone(found) as T);
  }

  /** Requests received so far, oldest first. */
  requests(filter?: RequestFilter): RecordedRequest[] {
    return this.core.log.list(filter);
  }

  /** Makes the next matching request(s) fail or stall; see FaultRule. */
  injectFault(rule: FaultRule): void {
    this.core.faults.add(rule);
  }

  clearFaults(): void {
    this.core.faults.clear();
  }

  /** Route names accepted by `injectFault`, e.g. `POST /v1/checkout/sessions`. */
  routes(): string[] {
    return this.core.router.keys();
  }

  /** From now on the key answers 401 (a seller rotated or revoked it). */
  revokeKey(secretKey: string): void {
    this.core.store.revoke(secretKey);
  }

  /** Forgets all accounts, objects, events, requests, faults and idempotency keys. */
  reset(): void {
    this.core.reset();
  }

  private owner(id: string): AccountState {
    const account = this.core.store.owning(id);
    if (!account) {
      throw new StripeFakeDriverError(`No object ${id} in any account`);
    }
    return account;
  }
}
