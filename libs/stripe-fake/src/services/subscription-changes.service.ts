import { invalidRequest, resourceMissing, StripeFakeDriverError } from '../errors';
import type { FakeEnv } from '../env';
import { mergeMetadata, type Params } from '../http/params';
import type { EventOrigin, StripeEventOf } from '../objects/event';
import type { CancellationReason, Subscription } from '../objects/subscription';
import type { AccountState, SubscriptionRecord } from '../state/account-state';
import type { EventLog } from './event-log';

const UPDATE_PARAMS = ['cancel_at_period_end', 'metadata', 'description', 'cancellation_details'];
const CANCEL_PARAMS = ['cancellation_details', 'invoice_now', 'prorate'];
const CANCELLATION_DETAILS_PARAMS = ['comment', 'feedback'];

/** Changes to a subscription through the API or by the customer: update, cancel, end. */
export class SubscriptionChangesService {
  constructor(
    private readonly env: FakeEnv,
    private readonly events: EventLog,
  ) {}

  record(account: AccountState, subscriptionId: string): SubscriptionRecord {
    const record = account.subscriptions.get(subscriptionId);
    if (!record) {
      throw resourceMissing('subscription', subscriptionId);
    }
    return record;
  }

  /** For drivers: a live subscription, or a test bug. */
  driverRecord(account: AccountState, subscriptionId: string): SubscriptionRecord {
    const record = account.subscriptions.get(subscriptionId);
    if (!record) {
      throw new StripeFakeDriverError(`No subscription ${subscriptionId}`);
    }
    if (record.subscription.status === 'canceled') {
      throw new StripeFakeDriverError(`Subscription ${subscriptionId} is canceled`);
    }
    return record;
  }

  /** `POST /v1/subscriptions/:id`: cancel_at_period_end, metadata, description. */
  update(
    account: AccountState,
    subscriptionId: string,
    input: { params: Params; origin: EventOrigin },
  ): { subscription: Subscription; event: StripeEventOf<'customer.subscription.updated'> | null } {
    const { subscription } = this.record(account, subscriptionId);
    const { params } = input;
    params.allowOnly(UPDATE_PARAMS);
    const cancelAtPeriodEnd = params.optionalBoolean('cancel_at_period_end');
    const metadata = params.optionalMetadata();
    const description = params.optionalString('description');
    const comment = cancellationComment(params);
    if (
      subscription.status === 'canceled' &&
      (cancelAtPeriodEnd !== undefined || description !== undefined)
    ) {
      throw invalidRequest(
        'A canceled subscription can only update its cancellation_details and metadata.',
      );
    }
    const previous: Record<string, unknown> = {};
    if (
      cancelAtPeriodEnd !== undefined &&
      cancelAtPeriodEnd !== subscription.cancel_at_period_end
    ) {
      Object.assign(previous, this.setCancelAtPeriodEnd(subscription, cancelAtPeriodEnd));
    }
    if (metadata !== undefined) {
      previous.metadata = subscription.metadata;
      subscription.metadata = mergeMetadata(subscription.metadata, metadata);
    }
    if (description !== undefined) {
      previous.description = subscription.description;
      subscription.description = description === '' ? null : description;
    }
    if (comment !== undefined) {
      previous.cancellation_details = { ...subscription.cancellation_details };
      subscription.cancellation_details.comment = comment;
    }
    const changed = Object.keys(previous).length > 0;
    const event = changed ? this.updated(account, subscription, previous, input.origin) : null;
    return { subscription, event };
  }

  /** `DELETE /v1/subscriptions/:id`: ends the subscription now. */
  cancelNow(
    account: AccountState,
    subscriptionId: string,
    input: { params: Params; origin: EventOrigin },
  ): { subscription: Subscription; event: StripeEventOf<'customer.subscription.deleted'> } {
    const record = this.record(account, subscriptionId);
    input.params.allowOnly(CANCEL_PARAMS);
    const comment = cancellationComment(input.params);
    if (record.subscription.status === 'canceled') {
      throw invalidRequest(`The subscription ${subscriptionId} has already been canceled.`);
    }
    if (comment !== undefined) {
      record.subscription.cancellation_details.comment = comment;
    }
    const event = this.end(account, record, {
      reason: 'cancellation_requested',
      origin: input.origin,
    });
    return { subscription: record.subscription, event };
  }

  /** The customer cancels in the portal: now, or at the end of the paid period. */
  cancelByCustomer(
    account: AccountState,
    subscriptionId: string,
    options: { atPeriodEnd?: boolean },
  ): StripeEventOf<'customer.subscription.deleted' | 'customer.subscription.updated'> {
    const record = this.driverRecord(account, subscriptionId);
    if (!options.atPeriodEnd) {
      return this.end(account, record, { reason: 'cancellation_requested', origin: null });
    }
    if (record.subscription.cancel_at_period_end) {
      throw new StripeFakeDriverError(`${subscriptionId} is already set to cancel at period end`);
    }
    const previous = this.setCancelAtPeriodEnd(record.subscription, true);
    return this.updated(account, record.subscription, previous, null);
  }

  end(
    account: AccountState,
    record: SubscriptionRecord,
    input: { reason: CancellationReason; origin: EventOrigin },
  ): StripeEventOf<'customer.subscription.deleted'> {
    const { subscription } = record;
    const now = this.env.now();
    subscription.status = 'canceled';
    subscription.ended_at = now;
    subscription.canceled_at = subscription.canceled_at ?? now;
    subscription.cancellation_details.reason = input.reason;
    return this.events.emit(account, {
      type: 'customer.subscription.deleted',
      object: subscription,
      origin: input.origin,
    });
  }

  updated(
    account: AccountState,
    subscription: Subscription,
    previousAttributes: Record<string, unknown>,
    origin: EventOrigin,
  ): StripeEventOf<'customer.subscription.updated'> {
    return this.events.emit(account, {
      type: 'customer.subscription.updated',
      object: subscription,
      previousAttributes,
      origin,
    });
  }

  private setCancelAtPeriodEnd(
    subscription: Subscription,
    value: boolean,
  ): Record<string, unknown> {
    const previous = {
      cancel_at: subscription.cancel_at,
      cancel_at_period_end: subscription.cancel_at_period_end,
      canceled_at: subscription.canceled_at,
      cancellation_details: { ...subscription.cancellation_details },
    };
    subscription.cancel_at_period_end = value;
    subscription.cancel_at = value ? subscription.current_period_end : null;
    subscription.canceled_at = value ? this.env.now() : null;
    subscription.cancellation_details.reason = value ? 'cancellation_requested' : null;
    return previous;
  }
}

function cancellationComment(params: Params): string | undefined {
  const details = params.optionalObject('cancellation_details');
  details?.allowOnly(CANCELLATION_DETAILS_PARAMS);
  return details?.optionalString('comment');
}
