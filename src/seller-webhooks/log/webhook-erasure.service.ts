import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import {
  MemberErasureEvent,
  PrivacyEvents,
  UnclaimedPaymentErasureEvent,
} from '../../privacy/privacy.events';
import { WebhookAttemptRepository } from '../webhook-attempt.repository';
import { WebhookDeliveryRepository } from '../webhook-delivery.repository';
import { WebhookEventRepository } from '../webhook-event.repository';

/**
 * A member's erasure reaches the delivery log too: the events whose bodies carry the member's
 * data (their membership, their payments) go, with their deliveries and attempts; so does the
 * erasure of an unclaimed web payment's buyer (its payment's events). A delivery
 * still being retried then stops (its event is gone). Idempotent; a failure fails the erasure,
 * which the privacy job runs again.
 */
@Injectable()
export class WebhookErasure {
  constructor(
    private readonly events: WebhookEventRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly attempts: WebhookAttemptRepository,
  ) {}

  @OnEvent(PrivacyEvents.MemberErasure, { suppressErrors: false })
  async onMemberErasure(event: MemberErasureEvent): Promise<void> {
    await this.erase({
      sellerId: event.sellerId,
      subjects: [
        `membership:${event.membershipId}`,
        ...event.paymentIds.map((id) => `payment:${id}`),
      ],
    });
  }

  /** An unclaimed web payment's buyer is forgotten: so are the log's events about the payment. */
  @OnEvent(PrivacyEvents.UnclaimedPaymentErasure, { suppressErrors: false })
  async onUnclaimedPaymentErasure(event: UnclaimedPaymentErasureEvent): Promise<void> {
    await this.erase({
      sellerId: event.sellerId,
      subjects: event.paymentIds.map((id) => `payment:${id}`),
    });
  }

  /** Deletes the log's copies of these subjects' data; answers how many events went. */
  async erase(params: { sellerId: string; subjects: string[] }): Promise<number> {
    const eventIds = await this.events.idsAbout(params.sellerId, params.subjects);
    const deliveryIds = await this.deliveries.idsForEvents(params.sellerId, eventIds);
    // Leaves first: a run that stops halfway still finds what is left through the events.
    await this.attempts.deleteForDeliveries(params.sellerId, deliveryIds);
    await this.deliveries.deleteMany(params.sellerId, deliveryIds);
    return this.events.deleteMany(params.sellerId, eventIds);
  }
}
