import { Injectable } from '@nestjs/common';
import { AppException } from '../../common/errors/app.exception';
import { OutboxService } from '../../outbox/outbox.service';
import type { OutboxJob } from '../../outbox/outbox.types';
import type { DeliveryTrigger } from '../schemas/webhook-delivery.schema';
import { SellerWebhooksService } from '../seller-webhooks.service';
import { WebhookAttempt, WebhookAttemptRepository } from '../webhook-attempt.repository';
import {
  DeliveryCursor,
  WebhookDelivery,
  WebhookDeliveryRepository,
} from '../webhook-delivery.repository';
import { WebhookEventRepository } from '../webhook-event.repository';

export const DELIVERY_STATUSES = ['pending', 'sending', 'succeeded', 'failed'] as const;
/** pending: waiting for its first attempt or a retry; failed: out of attempts, or cancelled. */
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface DeliveryView {
  id: string;
  eventId: string;
  eventType: string;
  trigger: DeliveryTrigger;
  resendOf: string | null;
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  durationMs: number | null;
  createdAt: Date;
}

export interface AttemptView {
  attempt: number;
  at: Date;
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  responseBody: string | null;
}

export interface DeliveryDetailView extends DeliveryView {
  /** The event exactly as sent (null once past the log retention). */
  event: unknown;
  attemptLog: AttemptView[];
}

export interface DeliveryPage {
  items: DeliveryView[];
  nextCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 20;

/**
 * The delivery log a seller reads: deliveries (newest first) with their progress from the
 * outbox job and their requests from the attempts ledger. Scoped to the seller's own endpoint.
 */
@Injectable()
export class WebhookDeliveryLog {
  constructor(
    private readonly endpoints: SellerWebhooksService,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly attempts: WebhookAttemptRepository,
    private readonly events: WebhookEventRepository,
    private readonly outbox: OutboxService,
  ) {}

  async list(params: {
    sellerId: string;
    endpointId: string;
    limit?: number;
    cursor?: string;
    eventType?: string;
  }): Promise<DeliveryPage> {
    await this.endpoints.get(params.sellerId, params.endpointId);
    const limit = params.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.deliveries.page({
      sellerId: params.sellerId,
      endpointId: params.endpointId,
      limit: limit + 1,
      after: params.cursor === undefined ? undefined : decodeCursor(params.cursor),
      eventType: params.eventType,
    });
    const page = rows.slice(0, limit);
    const items = await this.views(params.sellerId, page);
    const last = page[page.length - 1];
    return {
      items: items.map(({ view }) => view),
      nextCursor: rows.length > limit ? encodeCursor(last) : null,
    };
  }

  async get(params: {
    sellerId: string;
    endpointId: string;
    deliveryId: string;
  }): Promise<DeliveryDetailView> {
    await this.endpoints.get(params.sellerId, params.endpointId);
    const delivery = await this.deliveries.get({
      sellerId: params.sellerId,
      endpointId: params.endpointId,
      id: params.deliveryId,
    });
    if (!delivery) {
      throw AppException.notFound('WEBHOOK_DELIVERY_NOT_FOUND', 'No such delivery');
    }
    const [[{ view, attempts }], event] = await Promise.all([
      this.views(params.sellerId, [delivery]),
      this.events.get(params.sellerId, delivery.eventId),
    ]);
    return {
      ...view,
      event: event ? (JSON.parse(event.body) as unknown) : null,
      attemptLog: attempts.map(toAttemptView),
    };
  }

  private async views(
    sellerId: string,
    deliveries: WebhookDelivery[],
  ): Promise<{ view: DeliveryView; attempts: WebhookAttempt[] }[]> {
    const [jobs, attempts] = await Promise.all([
      this.outbox.getManyByKeys(deliveries.map((d) => d.jobKey)),
      this.attempts.forDeliveries(
        sellerId,
        deliveries.map((d) => d.id),
      ),
    ]);
    const jobByKey = new Map(jobs.map((job) => [job.idempotencyKey, job]));
    return deliveries.map((delivery) => {
      const own = attempts.filter((a) => a.deliveryId === delivery.id);
      return { view: toView(delivery, jobByKey.get(delivery.jobKey), own), attempts: own };
    });
  }
}

function toView(
  delivery: WebhookDelivery,
  job: OutboxJob | undefined,
  attempts: WebhookAttempt[],
): DeliveryView {
  const last = attempts[attempts.length - 1];
  const status = statusOf(job);
  return {
    id: delivery.id,
    eventId: delivery.eventId,
    eventType: delivery.eventType,
    trigger: delivery.trigger,
    resendOf: delivery.resendOf,
    status,
    attempts: attempts.length,
    lastStatusCode: last?.statusCode ?? null,
    lastError: last ? last.error : status === 'failed' ? (job?.lastError ?? null) : null,
    lastAttemptAt: last?.at ?? null,
    nextAttemptAt: job?.status === 'pending' ? job.nextAttemptAt : null,
    deliveredAt: attempts.find((a) => a.ok)?.at ?? null,
    durationMs: last?.durationMs ?? null,
    createdAt: delivery.createdAt,
  };
}

/** A delivery whose job is not stored yet (a crash between the two inserts) is still pending. */
function statusOf(job: OutboxJob | undefined): DeliveryStatus {
  switch (job?.status) {
    case undefined:
    case 'pending':
      return 'pending';
    case 'sending':
      return 'sending';
    case 'done':
      return 'succeeded';
    case 'failed':
    case 'dead':
      return 'failed';
  }
}

function toAttemptView(a: WebhookAttempt): AttemptView {
  return {
    attempt: a.attempt,
    at: a.at,
    ok: a.ok,
    statusCode: a.statusCode,
    error: a.error,
    durationMs: a.durationMs,
    responseBody: a.responseBody,
  };
}

function encodeCursor(d: WebhookDelivery): string {
  return Buffer.from(`${d.createdAt.getTime()}:${d.id}`).toString('base64url');
}

function decodeCursor(cursor: string): DeliveryCursor {
  const match = /^(\d{1,15}):(dlv_[0-9a-f]{32})$/.exec(
    Buffer.from(cursor, 'base64url').toString('utf8'),
  );
  if (!match) {
    throw AppException.badRequest('INVALID_CURSOR', 'cursor is not one this API returned');
  }
  return { createdAt: new Date(Number(match[1])), id: match[2] };
}
