import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { ChannelEvents, ChannelRightsLostEvent } from '../../channels/channel.events';
import {
  MemberPresenceEvent,
  MembershipEvents,
  MembershipGrantedEvent,
  MembershipStatusChangedEvent,
} from '../../memberships/memberships.events';
import { PaymentEvents } from '../../payments/payments.events';
import { WebhookPublisher } from '../delivery/webhook-publisher.service';
import {
  fromChannelRightsLost,
  fromMembershipGranted,
  fromMemberPresence,
  fromPaymentFailed,
  fromPaymentSucceeded,
  fromStatusChanged,
  PaymentFailedDomainEvent,
  PaymentSucceededDomainEvent,
} from './domain-event.mapper';
import type { WebhookEventDraft } from './webhook-event-data';

/**
 * Turns other domains' events into seller webhook events. Only storing and queueing happen here
 * (no HTTP: the outbox delivers). A failure is logged and swallowed, because the emitters cannot
 * replay these events (a grant is applied once) and must not fail for a webhook; the exception is
 * channel.rights_lost, whose emitter gives its claim back and announces the loss again when a
 * listener fails, so there the error goes back to it.
 */
@Injectable()
export class DomainEventsListener {
  private readonly logger = new Logger('SellerWebhooks');

  constructor(private readonly publisher: WebhookPublisher) {}

  @OnEvent(PaymentEvents.Succeeded)
  onPaymentSucceeded(event: PaymentSucceededDomainEvent): Promise<void> {
    return this.publishSafely(() => fromPaymentSucceeded(event));
  }

  @OnEvent(PaymentEvents.Failed)
  onPaymentFailed(event: PaymentFailedDomainEvent): Promise<void> {
    return this.publishSafely(() => fromPaymentFailed(event));
  }

  @OnEvent(MembershipEvents.Granted)
  onGranted(event: MembershipGrantedEvent): Promise<void> {
    return this.publishSafely(() => fromMembershipGranted(event));
  }

  @OnEvent(MembershipEvents.StatusChanged)
  onStatusChanged(event: MembershipStatusChangedEvent): Promise<void> {
    return this.publishSafely(() => fromStatusChanged(event));
  }

  @OnEvent(MembershipEvents.MemberJoined)
  onMemberJoined(event: MemberPresenceEvent): Promise<void> {
    return this.publishSafely(() => fromMemberPresence('member.joined', event));
  }

  @OnEvent(MembershipEvents.MemberLeft)
  onMemberLeft(event: MemberPresenceEvent): Promise<void> {
    return this.publishSafely(() => fromMemberPresence('member.left', event));
  }

  @OnEvent(ChannelEvents.RightsLost, { suppressErrors: false })
  async onChannelRightsLost(event: ChannelRightsLostEvent): Promise<void> {
    await this.publisher.publish(fromChannelRightsLost(event));
  }

  private async publishSafely(map: () => WebhookEventDraft | undefined): Promise<void> {
    let draft: WebhookEventDraft | undefined;
    try {
      draft = map();
      if (draft) {
        await this.publisher.publish(draft);
      }
    } catch (error) {
      const what = draft ? `${draft.type} (${draft.sourceKey})` : 'a domain event';
      this.logger.error(`Could not queue the seller webhook for ${what}: ${String(error)}`);
    }
  }
}
