import type Stripe from 'stripe';
import type { Price, Product } from './catalog';
import type { CheckoutLineItem, CheckoutSession } from './checkout-session';
import type { Coupon } from './coupon';
import type { Customer } from './customer';
import type { StripeEvent } from './event';
import type { Invoice } from './invoice';
import type { Charge, PaymentIntent, Refund } from './payment';
import type { Subscription } from './subscription';

/**
 * Compile-time proof that every field the fake emits, at any depth, has the type the real SDK
 * declares for it, so product code typed against `stripe` sees the same shapes here as in
 * production. Fields the fake omits are simply absent; fields Stripe dropped in recent API
 * versions but the fake keeps for older readers (invoice `subscription`, subscription
 * `current_period_*`) are not checked. `npx tsc --noEmit` names the offending field on drift.
 */
type Narrow<Real, Fake> = Real extends Stripe.Decimal
  ? // Decimals travel as strings in JSON; the SDK turns them into Decimal objects.
    Real | string
  : Fake extends readonly (infer FakeItem)[]
    ? Real extends readonly (infer RealItem)[]
      ? Narrow<RealItem, FakeItem>[]
      : Real
    : Fake extends object
      ? Real extends object
        ? { [K in Extract<keyof Fake, keyof Real>]: Narrow<Real[K], Fake[K]> }
        : Real
      : Real;

type Conforms<Target, Actual extends Target> = Actual;

export type _ShapeChecks = [
  Conforms<Narrow<Stripe.Checkout.Session, CheckoutSession>, CheckoutSession>,
  Conforms<Narrow<Stripe.LineItem, CheckoutLineItem>, CheckoutLineItem>,
  Conforms<Narrow<Stripe.Charge, Charge>, Charge>,
  Conforms<Narrow<Stripe.Coupon, Coupon>, Coupon>,
  Conforms<Narrow<Stripe.Customer, Customer>, Customer>,
  Conforms<Narrow<Stripe.Invoice, Invoice>, Invoice>,
  Conforms<Narrow<Stripe.PaymentIntent, PaymentIntent>, PaymentIntent>,
  Conforms<Narrow<Stripe.Price, Price>, Price>,
  Conforms<Narrow<Stripe.Product, Product>, Product>,
  Conforms<Narrow<Stripe.Refund, Refund>, Refund>,
  Conforms<Narrow<Stripe.Subscription, Subscription>, Subscription>,
  Conforms<
    Narrow<Stripe.EventBase, Omit<StripeEvent, 'data' | 'type'>>,
    Omit<StripeEvent, 'data' | 'type'>
  >,
];
