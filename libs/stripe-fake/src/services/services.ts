import type { FakeEnv } from '../env';
import { BillingService } from './billing.service';
import { CatalogService } from './catalog.service';
import { CheckoutService } from './checkout.service';
import { EventLog } from './event-log';
import { PaymentsService } from './payments.service';
import { SubscriptionChangesService } from './subscription-changes.service';
import { SubscriptionInvoicing } from './subscription-invoicing';

/** The fake's domain services, shared by HTTP routes and test drivers. */
export interface FakeServices {
  env: FakeEnv;
  events: EventLog;
  catalog: CatalogService;
  payments: PaymentsService;
  checkout: CheckoutService;
  billing: BillingService;
  subscriptions: SubscriptionChangesService;
}

export function createServices(env: FakeEnv): FakeServices {
  const events = new EventLog(env);
  const catalog = new CatalogService(env);
  const payments = new PaymentsService(env, events);
  const subscriptions = new SubscriptionChangesService(env, events);
  const invoicing = new SubscriptionInvoicing(env, payments);
  const billing = new BillingService(env, events, invoicing, subscriptions);
  const checkout = new CheckoutService(env, events, catalog, payments, billing);
  return { env, events, catalog, payments, checkout, billing, subscriptions };
}
