import { foundOr404, invalidRequest, missingParam } from '../errors';
import type { RouteDef } from '../http/router';
import { createMetadata } from '../http/params';
import { REFUND_REASONS } from '../objects/payment';
import type { FakeServices } from '../services/services';

const REFUND_PARAMS = ['payment_intent', 'charge', 'amount', 'reason', 'metadata'];

export function paymentRoutes({ payments }: FakeServices): RouteDef[] {
  return [
    {
      method: 'GET',
      pattern: '/v1/payment_intents/:id',
      handle: ({ account, path }) =>
        foundOr404(account.paymentIntents.get(path.id), 'payment_intent', path.id),
    },
    {
      method: 'GET',
      pattern: '/v1/charges/:id',
      handle: ({ account, path }) => foundOr404(account.charges.get(path.id), 'charge', path.id),
    },
    {
      method: 'GET',
      pattern: '/v1/refunds/:id',
      handle: ({ account, path }) => foundOr404(account.refunds.get(path.id), 'refund', path.id),
    },
    {
      method: 'POST',
      pattern: '/v1/refunds',
      handle: ({ account, params, origin }) => {
        params.allowOnly(REFUND_PARAMS);
        const paymentIntent = params.optionalString('payment_intent');
        const charge = params.optionalString('charge');
        if (paymentIntent !== undefined && charge !== undefined) {
          throw invalidRequest(
            'You may only specify one of these parameters: charge, payment_intent.',
          );
        }
        const target = paymentIntent ?? charge;
        if (target === undefined) {
          throw missingParam('charge');
        }
        return payments.refund(account, {
          target,
          targetParam: paymentIntent !== undefined ? 'payment_intent' : 'charge',
          amount: params.optionalInteger('amount'),
          reason: params.optionalEnum('reason', REFUND_REASONS) ?? null,
          metadata: createMetadata(params.optionalMetadata()),
          origin,
        }).refund;
      },
    },
  ];
}
