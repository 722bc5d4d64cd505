import type { FakeEnv } from '../env';
import {
  buildEvent,
  type EventObjectByType,
  type EventOrigin,
  type StripeEvent,
  type StripeEventOf,
  type StripeEventType,
} from '../objects/event';
import type { AccountState } from '../state/account-state';

/** Creates events and appends them to the account's log, which `GET /v1/events/:id` reads. */
export class EventLog {
  constructor(private readonly env: FakeEnv) {}

  emit<T extends StripeEventType>(
    account: AccountState,
    input: {
      type: T;
      object: EventObjectByType[T];
      previousAttributes?: Record<string, unknown>;
      origin: EventOrigin;
    },
  ): StripeEventOf<T> {
    const event = buildEvent({ ...input, apiVersion: this.env.apiVersion, now: this.env.now() });
    // A mapped-type union cannot be proven from a generic member; the value is one of its members.
    account.events.push(event as unknown as StripeEvent);
    return event;
  }
}
