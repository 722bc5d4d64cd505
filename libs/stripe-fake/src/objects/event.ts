import { newId } from '../ids';
import type { Product, Price } from './catalog';
import type { CheckoutSession } from './checkout-session';
import type { Coupon } from './coupon';
import type { Customer } from './customer';
import type { Invoice } from './invoice';
import type { Charge, PaymentIntent, Refund } from './payment';
import type { Subscription } from './subscription';

/** Every object the fake stores and can answer with. */
export type ApiObject =
  | CheckoutSession
  | Charge
  | Coupon
  | Customer
  | Invoice
  | PaymentIntent
  | Price
  | Product
  | Refund
  | Subscription;

/** The event types this fake emits; one union so handlers can switch exhaustively. */
export type StripeEventType =
  | 'charge.refunded'
  | 'checkout.session.completed'
  | 'checkout.session.expired'
  | 'customer.subscription.deleted'
  | 'customer.subscription.updated'
  | 'invoice.paid'
  | 'invoice.payment_failed';

/** The object each event type carries in `data.object`. */
export interface EventObjectByType {
  'charge.refunded': Charge;
  'checkout.session.completed': CheckoutSession;
  'checkout.session.expired': CheckoutSession;
  'customer.subscription.deleted': Subscription;
  'customer.subscription.updated': Subscription;
  'invoice.paid': Invoice;
  'invoice.payment_failed': Invoice;
}

export interface StripeEventOf<T extends StripeEventType> {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  data: {
    object: EventObjectByType[T];
    /** For `*.updated` events: the changed fields' values before the change. */
    previous_attributes?: Record<string, unknown>;
  };
  livemode: false;
  pending_webhooks: number;
  /** Which API request caused the event; both null when the customer or Stripe itself did. */
  request: { id: string | null; idempotency_key: string | null };
  type: T;
}

/** Any event the fake emits; narrowing on `type` narrows `data.object`. */
export type StripeEvent = { [T in StripeEventType]: StripeEventOf<T> }[StripeEventType];

/** The first event of a type, typed by it: `eventOfType(events, 'invoice.paid')?.data.object`. */
export function eventOfType<T extends StripeEventType>(
  events: readonly StripeEvent[],
  type: T,
): StripeEventOf<T> | undefined {
  return events.find((event): event is StripeEvent & StripeEventOf<T> => event.type === type);
}

/** The API request behind an event, or null for the customer's or Stripe's own actions. */
export type EventOrigin = { requestId: string; idempotencyKey: string | null } | null;

export function buildEvent<T extends StripeEventType>(input: {
  type: T;
  object: EventObjectByType[T];
  previousAttributes?: Record<string, unknown>;
  origin: EventOrigin;
  apiVersion: string;
  now: number;
}): StripeEventOf<T> {
  return {
    id: newId('event'),
    object: 'event',
    api_version: input.apiVersion,
    created: input.now,
    data: {
      // A snapshot: later changes to the stored object must not rewrite past events.
      object: structuredClone(input.object),
      ...(input.previousAttributes ? { previous_attributes: input.previousAttributes } : {}),
    },
    livemode: false,
    // One endpoint is assumed to listen; Stripe counts the endpoints yet to acknowledge.
    pending_webhooks: 1,
    request: {
      id: input.origin?.requestId ?? null,
      idempotency_key: input.origin?.idempotencyKey ?? null,
    },
    type: input.type,
  };
}
