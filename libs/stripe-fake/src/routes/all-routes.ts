import type { RouteDef } from '../http/router';
import type { FakeServices } from '../services/services';
import { catalogRoutes } from './catalog.routes';
import { checkoutRoutes } from './checkout.routes';
import { paymentRoutes } from './payments.routes';
import { subscriptionRoutes } from './subscriptions.routes';

export function allRoutes(services: FakeServices): RouteDef[] {
  return [
    ...checkoutRoutes(services),
    ...paymentRoutes(services),
    ...subscriptionRoutes(services),
    ...catalogRoutes(services),
  ];
}
