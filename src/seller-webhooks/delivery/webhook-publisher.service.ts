import { HttpStatus, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Clock } from '../../common/clock/clock';
import { RandomTokens } from '../../common/crypto/random-tokens';
import { AppException } from '../../common/errors/app.exception';
import { OutboxService } from '../../outbox/outbox.service';
import { PING_EVENT_TYPE, WebhookEventDraft } from '../events/webhook-event-data';
import type { DeliveryTrigger } from '../schemas/webhook-delivery.schema';
import { SellerWebhooksService } from '../seller-webhooks.service';
import { WebhookDelivery, WebhookDeliveryRepository } from '../webhook-delivery.repository';
import { StoredWebhookEvent, WebhookEventRepository } from '../webhook-event.repository';
import { WEBHOOK_DELIVER_KIND } from './webhook-delivery.payload';

export interface PublishResult {
  /** Undefined when no endpoint of the seller wants this event type (nothing is stored). */
  eventId?: string;
  deliveries: WebhookDelivery[];
}

const hashId = (prefix: string, ...parts: string[]): string =>
  `${prefix}_${createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32)}`;

/**
 * Turns what happened into stored webhook events and queued deliveries. Every step is an insert
 * keyed by what it decides (event by its source, delivery and outbox job by event + endpoint),
 * so publishing the same happening again, concurrently or after a crash, queues nothing twice.
 */
@Injectable()
export class WebhookPublisher {
  constructor(
    private readonly endpoints: SellerWebhooksService,
    private readonly events: WebhookEventRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly outbox: OutboxService,
    private readonly random: RandomTokens,
    private readonly clock: Clock,
  ) {}

  async publish(draft: WebhookEventDraft): Promise<PublishResult> {
    const endpointIds = await this.endpoints.subscribedEndpointIds(draft.sellerId, draft.type);
    if (endpointIds.length === 0) {
      return { deliveries: [] };
    }
    const event = await this.store({
      id: hashId('evt', draft.sellerId, draft.sourceKey),
      sellerId: draft.sellerId,
      type: draft.type,
      sourceKey: draft.sourceKey,
      subjects: draft.subjects,
      data: draft.data,
    });
    const deliveries: WebhookDelivery[] = [];
    for (const endpointId of endpointIds) {
      deliveries.push(
        await this.queue({
          event,
          endpointId,
          trigger: 'event',
          id: hashId('dlv', event.id, endpointId),
          jobKey: `webhook:${event.id}:${endpointId}`,
        }),
      );
    }
    return { eventId: event.id, deliveries };
  }

  /** The same event (same id and body) once more to the same endpoint, as a new delivery. */
  async resend(params: {
    sellerId: string;
    endpointId: string;
    deliveryId: string;
  }): Promise<WebhookDelivery> {
    await this.requireEnabled(params.sellerId, params.endpointId);
    const original = await this.deliveries.get({
      sellerId: params.sellerId,
      endpointId: params.endpointId,
      id: params.deliveryId,
    });
    if (!original) {
      throw AppException.notFound('WEBHOOK_DELIVERY_NOT_FOUND', 'No such delivery');
    }
    const event = await this.events.get(params.sellerId, original.eventId);
    if (!event) {
      throw new AppException(
        HttpStatus.GONE,
        'WEBHOOK_EVENT_EXPIRED',
        'This event is older than the delivery log keeps; it cannot be sent again',
      );
    }
    const id = `dlv_${this.random.hex(16)}`;
    return this.queue({
      event,
      endpointId: params.endpointId,
      trigger: 'resend',
      resendOf: original.id,
      id,
      jobKey: `webhook:${event.id}:${params.endpointId}:${id}`,
    });
  }

  /** A `ping` event to this endpoint only, to check the receiver and its signature check. */
  async ping(sellerId: string, endpointId: string): Promise<WebhookDelivery> {
    await this.requireEnabled(sellerId, endpointId);
    const nonce = this.random.hex(16);
    const event = await this.store({
      id: `evt_${nonce}`,
      sellerId,
      type: PING_EVENT_TYPE,
      sourceKey: `ping:${nonce}`,
      subjects: [],
      data: { endpointId, message: 'A test event from Membergate' },
    });
    return this.queue({
      event,
      endpointId,
      trigger: 'test',
      id: hashId('dlv', event.id, endpointId),
      jobKey: `webhook:${event.id}:${endpointId}`,
    });
  }

  private store(params: {
    id: string;
    sellerId: string;
    type: string;
    sourceKey: string;
    subjects: string[];
    data: object;
  }): Promise<StoredWebhookEvent> {
    const createdAt = this.clock.now();
    const body = JSON.stringify({
      id: params.id,
      type: params.type,
      createdAt: createdAt.toISOString(),
      data: params.data,
    });
    return this.events.insertOrGet({ ...params, body, createdAt });
  }

  /** The delivery row first (so the log shows it), then its outbox job. */
  private async queue(params: {
    event: StoredWebhookEvent;
    endpointId: string;
    trigger: DeliveryTrigger;
    resendOf?: string;
    id: string;
    jobKey: string;
  }): Promise<WebhookDelivery> {
    const { event, endpointId } = params;
    const delivery: WebhookDelivery = {
      id: params.id,
      sellerId: event.sellerId,
      endpointId,
      eventId: event.id,
      eventType: event.type,
      trigger: params.trigger,
      resendOf: params.resendOf ?? null,
      jobKey: params.jobKey,
      createdAt: this.clock.now(),
    };
    await this.deliveries.insertIfAbsent(delivery);
    await this.outbox.enqueue({
      kind: WEBHOOK_DELIVER_KIND,
      payload: { sellerId: event.sellerId, endpointId, eventId: event.id, deliveryId: delivery.id },
      idempotencyKey: params.jobKey,
      correlation: { sellerId: event.sellerId },
    });
    return delivery;
  }

  private async requireEnabled(sellerId: string, endpointId: string): Promise<void> {
    const endpoint = await this.endpoints.get(sellerId, endpointId);
    if (!endpoint.enabled) {
      throw AppException.conflict(
        'WEBHOOK_ENDPOINT_DISABLED',
        'This endpoint is switched off; enable it first',
      );
    }
  }
}
