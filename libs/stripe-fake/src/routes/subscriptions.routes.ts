import type { RouteDef } from '../http/router';
import type { FakeServices } from '../services/services';
import { foundOr404 } from '../errors';

export function subscriptionRoutes({ subscriptions }: FakeServices): RouteDef[] {
  return [
    {
      method: 'GET',
      pattern: '/v1/subscriptions/:id',
      handle: ({ account, path }) => subscriptions.record(account, path.id).subscription,
    },
    {
      method: 'POST',
      pattern: '/v1/subscriptions/:id',
      handle: ({ account, path, params, origin }) =>
        subscriptions.update(account, path.id, { params, origin }).subscription,
    },
    {
      method: 'DELETE',
      pattern: '/v1/subscriptions/:id',
      handle: ({ account, path, params, origin }) =>
        subscriptions.cancelNow(account, path.id, { params, origin }).subscription,
    },
    {
      method: 'GET',
      pattern: '/v1/invoices/:id',
      handle: ({ account, path }) => foundOr404(account.invoices.get(path.id), 'invoice', path.id),
    },
  ];
}
