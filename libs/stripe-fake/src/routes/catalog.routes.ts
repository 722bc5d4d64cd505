import type { RouteDef } from '../http/router';
import type { FakeServices } from '../services/services';
import { foundOr404 } from '../errors';

export function catalogRoutes({ catalog }: FakeServices): RouteDef[] {
  return [
    {
      method: 'POST',
      pattern: '/v1/coupons',
      handle: ({ account, params }) => catalog.createCoupon(account, params),
    },
    {
      method: 'GET',
      pattern: '/v1/coupons/:id',
      handle: ({ account, path }) => foundOr404(account.coupons.get(path.id), 'coupon', path.id),
    },
    {
      method: 'POST',
      pattern: '/v1/customers',
      handle: ({ account, params }) => catalog.createCustomer(account, params),
    },
    {
      method: 'GET',
      pattern: '/v1/customers/:id',
      handle: ({ account, path }) =>
        foundOr404(account.customers.get(path.id), 'customer', path.id),
    },
    {
      method: 'POST',
      pattern: '/v1/products',
      handle: ({ account, params }) => catalog.createProduct(account, params),
    },
    {
      method: 'GET',
      pattern: '/v1/products/:id',
      handle: ({ account, path }) => foundOr404(account.products.get(path.id), 'product', path.id),
    },
    {
      method: 'POST',
      pattern: '/v1/prices',
      handle: ({ account, params }) => catalog.createPrice(account, params),
    },
    {
      method: 'GET',
      pattern: '/v1/prices/:id',
      handle: ({ account, path }) => foundOr404(account.prices.get(path.id), 'price', path.id),
    },
    {
      method: 'GET',
      pattern: '/v1/events/:id',
      handle: ({ account, path }) =>
        foundOr404(
          account.events.find((event) => event.id === path.id),
          'event',
          path.id,
        ),
    },
  ];
}
