import { invalidRequest, resourceMissing } from '../errors';
import type { FakeEnv } from '../env';
import type { Metadata } from '../objects/common';
import type { EventOrigin, StripeEventOf } from '../objects/event';
import {
  buildPaymentIntent,
  buildRefund,
  capturePayment,
  type Charge,
  type PaymentIntent,
  type Refund,
  type RefundReason,
} from '../objects/payment';
import type { AccountState } from '../state/account-state';
import type { EventLog } from './event-log';

export interface PaymentInput {
  amount: number;
  currency: string;
  customerId: string | null;
  email: string | null;
  description: string | null;
  metadata: Metadata;
}

export interface RefundInput {
  /** A payment intent (`pi_…`) or charge (`ch_…`) id. */
  target: string;
  /** The request param the target came from, for error messages. */
  targetParam: string;
  /** Minor units; the whole unrefunded remainder when absent. */
  amount?: number;
  reason?: RefundReason | null;
  metadata?: Metadata;
  origin: EventOrigin;
}

/** Payment intents, their charges and refunds, shared by Checkout, invoices and the API. */
export class PaymentsService {
  constructor(
    private readonly env: FakeEnv,
    private readonly events: EventLog,
  ) {}

  open(account: AccountState, input: PaymentInput): PaymentIntent {
    const paymentIntent = buildPaymentIntent({ ...input, now: this.env.now() });
    account.paymentIntents.set(paymentIntent.id, paymentIntent);
    return paymentIntent;
  }

  succeed(
    account: AccountState,
    paymentIntent: PaymentIntent,
    payer: { email: string | null; name: string | null },
  ): Charge {
    const charge = capturePayment(paymentIntent, { ...payer, now: this.env.now() });
    account.charges.set(charge.id, charge);
    return charge;
  }

  refund(
    account: AccountState,
    input: RefundInput,
  ): { refund: Refund; event: StripeEventOf<'charge.refunded'> } {
    const charge = this.chargeFor(account, input.target, input.targetParam);
    const remaining = charge.amount - charge.amount_refunded;
    if (remaining === 0) {
      throw invalidRequest(`Charge ${charge.id} has already been refunded.`, {
        code: 'charge_already_refunded',
      });
    }
    const amount = input.amount ?? remaining;
    if (amount <= 0) {
      throw invalidRequest('Invalid positive integer', {
        code: 'parameter_invalid_integer',
        param: 'amount',
      });
    }
    if (amount > remaining) {
      throw invalidRequest(
        `Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining})`,
        { code: 'amount_too_large', param: 'amount' },
      );
    }
    const refund = buildRefund({
      charge,
      amount,
      reason: input.reason ?? null,
      metadata: input.metadata ?? {},
      now: this.env.now(),
    });
    account.refunds.set(refund.id, refund);
    const previousAttributes = {
      amount_refunded: charge.amount_refunded,
      refunded: charge.refunded,
    };
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded === charge.amount;
    const event = this.events.emit(account, {
      type: 'charge.refunded',
      object: charge,
      previousAttributes,
      origin: input.origin,
    });
    return { refund, event };
  }

  private chargeFor(account: AccountState, target: string, param: string): Charge {
    if (target.startsWith('pi_')) {
      const paymentIntent = account.paymentIntents.get(target);
      if (!paymentIntent) {
        throw resourceMissing('payment_intent', target, param);
      }
      const charge = paymentIntent.latest_charge
        ? account.charges.get(paymentIntent.latest_charge)
        : undefined;
      if (!charge) {
        throw invalidRequest(
          `This PaymentIntent (${target}) does not have a successful charge to refund.`,
          { param },
        );
      }
      return charge;
    }
    const charge = account.charges.get(target);
    if (!charge) {
      throw resourceMissing('charge', target, param);
    }
    return charge;
  }
}
