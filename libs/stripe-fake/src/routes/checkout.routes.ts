import { lineItemsList } from '../objects/checkout-session';
import type { RouteDef } from '../http/router';
import type { FakeServices } from '../services/services';

export function checkoutRoutes({ checkout }: FakeServices): RouteDef[] {
  return [
    {
      method: 'POST',
      pattern: '/v1/checkout/sessions',
      handle: ({ account, params }) => checkout.create(account, params),
    },
    {
      method: 'GET',
      pattern: '/v1/checkout/sessions/:id',
      handle: ({ account, path }) => checkout.record(account, path.id).session,
    },
    {
      method: 'GET',
      pattern: '/v1/checkout/sessions/:id/line_items',
      handle: ({ account, path }) =>
        lineItemsList(path.id, checkout.record(account, path.id).lineItems),
    },
    {
      method: 'POST',
      pattern: '/v1/checkout/sessions/:id/expire',
      handle: ({ account, path, origin }) => checkout.expire(account, path.id, origin).session,
    },
  ];
}
