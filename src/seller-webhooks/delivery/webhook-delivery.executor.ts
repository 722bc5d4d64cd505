import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { Clock } from '../../common/clock/clock';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import type {
  AttemptOutcome,
  ExecutionContext,
  OutboxExecutor,
} from '../../outbox/outbox-executor';
import { OutboxExecutorRegistry } from '../../outbox/outbox-executor.registry';
import { SellerWebhooksService } from '../seller-webhooks.service';
import { WebhookAttemptRepository } from '../webhook-attempt.repository';
import { WebhookEventRepository } from '../webhook-event.repository';
import { WebhookUrlPolicy } from '../webhook-url.policy';
import { EndpointHealthService } from './endpoint-health.service';
import { WEBHOOK_DELIVER_KIND, WebhookDeliverPayload } from './webhook-delivery.payload';
import { WebhookHttpClient, WebhookTransportError } from './webhook-http.client';
import { WEBHOOK_MAX_ATTEMPTS, webhookRetryDelayMs } from './webhook-retry-schedule';
import { signatureHeader, WebhookHeaders } from './webhook-signature';

/** Nothing to deliver any more (endpoint gone or off, event pruned): the job ends, no retry. */
class DeliveryCancelled extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The receiver did not take it (non-2xx, timeout, network): retried on the webhook schedule. */
class DeliveryFailed extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface DeliveryResult {
  statusCode: number;
  durationMs: number;
}

interface AttemptOutcomeRecord {
  ok: boolean;
  statusCode: number | null;
  code: string;
  error: string | null;
  responseBody: string | null;
}

const USER_AGENT = 'Membergate-Webhooks/1.0';

/**
 * Performs one attempt of a `webhook.deliver` job: signs the stored body with the endpoint's
 * current secret(s) and a fresh timestamp, POSTs it, appends the attempt to the ledger, and on a
 * failure checks the endpoint's failure streak. 2xx is success; anything else is retried on the
 * webhook schedule (10 s ... 72 h), not the Telegram one.
 */
@Injectable()
export class WebhookDeliveryExecutor
  implements OutboxExecutor<typeof WEBHOOK_DELIVER_KIND>, OnModuleInit
{
  readonly kind = WEBHOOK_DELIVER_KIND;
  readonly rateClass = 'none' as const;
  readonly maxAttempts = WEBHOOK_MAX_ATTEMPTS;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: OutboxExecutorRegistry,
    private readonly endpoints: SellerWebhooksService,
    private readonly events: WebhookEventRepository,
    private readonly attempts: WebhookAttemptRepository,
    private readonly health: EndpointHealthService,
    private readonly urls: WebhookUrlPolicy,
    private readonly http: WebhookHttpClient,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  retryDelayMs(failures: number): number {
    return webhookRetryDelayMs(failures);
  }

  available(): boolean {
    return true;
  }

  chatKey(payload: WebhookDeliverPayload): string {
    return `webhook:${payload.endpointId}`;
  }

  async execute(
    payload: WebhookDeliverPayload,
    context: ExecutionContext,
  ): Promise<DeliveryResult> {
    const { sellerId } = payload;
    const [event, endpoint] = await Promise.all([
      this.events.get(sellerId, payload.eventId),
      this.endpoints.getForDelivery(sellerId, payload.endpointId),
    ]);
    if (!endpoint) {
      throw new DeliveryCancelled('ENDPOINT_DELETED', 'the endpoint was deleted');
    }
    const state = { sellerId, id: endpoint.id, url: endpoint.url, enabledAt: endpoint.enabledAt };
    if (!endpoint.enabled || (await this.health.isDisabledForFailures(state))) {
      throw new DeliveryCancelled('ENDPOINT_DISABLED', 'the endpoint is switched off');
    }
    if (!event) {
      throw new DeliveryCancelled('EVENT_EXPIRED', 'the event is past the log retention');
    }
    const at = this.clock.now();
    const timestamp = Math.floor(at.getTime() / 1000);
    const secrets = [
      endpoint.secret,
      ...(endpoint.previousSecret ? [endpoint.previousSecret] : []),
    ];
    const started = performance.now();
    const outcome = await this.post({
      url: endpoint.url,
      body: event.body,
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': USER_AGENT,
        [WebhookHeaders.Id]: event.id,
        [WebhookHeaders.Timestamp]: String(timestamp),
        [WebhookHeaders.Signature]: signatureHeader({ secrets, timestamp, body: event.body }),
      },
      signal: context.signal,
    });
    const durationMs = Math.round(performance.now() - started);
    await this.attempts.record({
      sellerId,
      endpointId: endpoint.id,
      deliveryId: payload.deliveryId,
      attempt: context.attempt,
      at,
      ok: outcome.ok,
      statusCode: outcome.statusCode,
      error: outcome.error,
      durationMs,
      responseBody: outcome.responseBody,
    });
    if (outcome.ok) {
      return { statusCode: outcome.statusCode!, durationMs };
    }
    await this.health.afterFailure(state, outcome.error!);
    throw new DeliveryFailed(outcome.code, outcome.error!);
  }

  classify(error: unknown): AttemptOutcome {
    if (error instanceof DeliveryCancelled) {
      return { type: 'failed', code: error.code, reason: error.message };
    }
    if (error instanceof DeliveryFailed) {
      return { type: 'retry', code: error.code, reason: error.message };
    }
    return { type: 'retry', code: 'INTERNAL', reason: String(error) };
  }

  /** One request; every way it can end becomes an outcome, except our own shutdown. */
  private async post(params: {
    url: string;
    body: string;
    headers: Record<string, string>;
    signal: AbortSignal;
  }): Promise<AttemptOutcomeRecord> {
    try {
      await this.urls.assertDeliverable(params.url);
    } catch (error) {
      return failure('ADDRESS_REFUSED', `refused: ${(error as Error).message}`);
    }
    try {
      const response = await this.http.post({
        ...params,
        timeoutMs: this.config.webhooks.timeoutMs,
      });
      if (response.statusCode >= 200 && response.statusCode < 300) {
        return {
          ok: true,
          statusCode: response.statusCode,
          code: 'OK',
          error: null,
          responseBody: null,
        };
      }
      return {
        ...failure(`HTTP_${response.statusCode}`, `HTTP ${response.statusCode}`),
        statusCode: response.statusCode,
        responseBody: response.body === '' ? null : response.body,
      };
    } catch (error) {
      if (error instanceof WebhookTransportError && error.failure !== 'ABORTED') {
        return failure(error.failure, error.message);
      }
      // Stopped by the outbox (shutdown or its own call timeout): not the receiver's failure.
      throw error;
    }
  }
}

function failure(code: string, error: string): AttemptOutcomeRecord {
  return { ok: false, statusCode: null, code, error, responseBody: null };
}
