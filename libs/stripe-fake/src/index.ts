export { StripeFakeServer, type StripeFakeStartOptions } from './stripe-fake.server';
export { stripeClientFor } from './client';
export { signEvent, signPayload, type SignedPayload } from './webhooks/signing';
export { deliverEvent, type DeliveryResult, type DeliveryTarget } from './webhooks/delivery';
export { decodeForm, type FormObject, type FormValue } from './http/form-decoder';
export type { FaultRule, FaultSpec, FaultKind } from './http/faults';
export type { RecordedRequest, RequestFilter } from './http/request-log';
export type { CompleteCheckoutOptions } from './services/checkout.service';
export { StripeApiError, StripeFakeDriverError } from './errors';
export {
  eventOfType,
  type ApiObject,
  type StripeEvent,
  type StripeEventOf,
  type StripeEventType,
} from './objects/event';
export type { CheckoutSession, CheckoutLineItem } from './objects/checkout-session';
export type { Subscription, SubscriptionItem } from './objects/subscription';
export type { Invoice } from './objects/invoice';
export type { InvoiceLine } from './objects/invoice-line';
export type { Charge, PaymentIntent, Refund } from './objects/payment';
export type { Coupon } from './objects/coupon';
export type { Customer } from './objects/customer';
export type { Price, Product } from './objects/catalog';
export type { Clock } from './time';
