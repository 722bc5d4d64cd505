import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { Clock } from '../../common/clock/clock';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { SellerWebhookEvents, WebhookEndpointDisabledEvent } from '../seller-webhooks.events';
import { SellerWebhooksService } from '../seller-webhooks.service';
import { WebhookAttemptRepository } from '../webhook-attempt.repository';
import { WebhookDisablementRepository } from '../webhook-disablement.repository';

/** An enabled endpoint whose every attempt has failed since `failingSince` (admin alerts). */
export interface FailingEndpoint {
  sellerId: string;
  endpointId: string;
  url: string;
  failingSince: Date;
  failures: number;
  lastError: string | null;
}

/** Attempts read per endpoint to find where its failure streak started. */
const STREAK_SCAN_LIMIT = 500;

export interface EndpointState {
  sellerId: string;
  id: string;
  url: string;
  /** When the endpoint was last switched on: its failure streak starts there. */
  enabledAt: Date;
}

/**
 * Switches off an endpoint after WEBHOOK_DISABLE_AFTER_FAILURES failed attempts in a row (across
 * all its deliveries, with no success in between, since it was last switched on). The streak is
 * read from the attempts ledger; the decision is the insert of a disablement keyed by the
 * endpoint and its enablement, so of the concurrent deliveries that see the streak exactly one
 * switches it off and tells the seller. The endpoint's `enabled` flag is a copy of that decision,
 * re-applied by any delivery that finds them disagreeing (a seller's edit racing the switch-off).
 */
@Injectable()
export class EndpointHealthService {
  private readonly logger = new Logger('SellerWebhooks');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly attempts: WebhookAttemptRepository,
    private readonly disablements: WebhookDisablementRepository,
    private readonly endpoints: SellerWebhooksService,
    private readonly events: EventEmitter2,
    private readonly clock: Clock,
  ) {}

  /** True when the endpoint was switched off for failures during its current enablement. */
  async isDisabledForFailures(endpoint: EndpointState): Promise<boolean> {
    if (!(await this.disablements.exists(endpoint))) {
      return false;
    }
    await this.endpoints.disableAfterFailures({
      sellerId: endpoint.sellerId,
      id: endpoint.id,
      enabledAt: endpoint.enabledAt,
    });
    return true;
  }

  /**
   * Enabled endpoints that have failed every attempt for at least `failingForMs` (the streak is
   * read from the attempts ledger since the endpoint was last switched on), for admin alerts.
   */
  async failingEndpoints(params: { failingForMs: number }): Promise<FailingEndpoint[]> {
    const now = this.clock.now();
    const before = new Date(now.getTime() - params.failingForMs);
    const retention = this.config.webhooks.logRetentionDays * 24 * 3_600_000;
    const candidates = await this.attempts.endpointsFailingBetween({
      from: new Date(now.getTime() - retention),
      to: before,
    });
    const failing: FailingEndpoint[] = [];
    for (const { sellerId, endpointId } of candidates) {
      const endpoint = await this.endpoints.getForDelivery(sellerId, endpointId);
      if (!endpoint?.enabled) {
        continue;
      }
      const recent = await this.attempts.latestForEndpoint({
        sellerId,
        endpointId,
        since: endpoint.enabledAt,
        limit: STREAK_SCAN_LIMIT,
      });
      const okAt = recent.findIndex((attempt) => attempt.ok);
      const streak = okAt === -1 ? recent : recent.slice(0, okAt);
      const first = streak.at(-1);
      if (first && first.at <= before) {
        failing.push({
          sellerId,
          endpointId,
          url: endpoint.url,
          failingSince: first.at,
          failures: streak.length,
          lastError:
            streak[0].error ?? (streak[0].statusCode ? `HTTP ${streak[0].statusCode}` : null),
        });
      }
    }
    return failing;
  }

  /** After a failed attempt: switches the endpoint off when the streak is long enough. */
  async afterFailure(endpoint: EndpointState, lastError: string): Promise<boolean> {
    const threshold = this.config.webhooks.disableAfterFailures;
    const recent = await this.attempts.latestForEndpoint({
      sellerId: endpoint.sellerId,
      endpointId: endpoint.id,
      since: endpoint.enabledAt,
      limit: threshold,
    });
    if (recent.length < threshold || recent.some((attempt) => attempt.ok)) {
      return false;
    }
    const at = this.clock.now();
    const won = await this.disablements.claim({
      sellerId: endpoint.sellerId,
      endpointId: endpoint.id,
      enabledAt: endpoint.enabledAt,
      failures: threshold,
      lastError,
      createdAt: at,
    });
    if (!won) {
      return false;
    }
    await this.endpoints.disableAfterFailures({
      sellerId: endpoint.sellerId,
      id: endpoint.id,
      enabledAt: endpoint.enabledAt,
    });
    this.logger.warn(
      `Webhook endpoint ${endpoint.id} of seller ${endpoint.sellerId} switched off after ` +
        `${threshold} failed deliveries in a row (last: ${lastError})`,
    );
    const event: WebhookEndpointDisabledEvent = {
      sellerId: endpoint.sellerId,
      endpointId: endpoint.id,
      url: endpoint.url,
      failures: threshold,
      lastError,
      at,
    };
    try {
      await this.events.emitAsync(SellerWebhookEvents.EndpointDisabled, event);
    } catch (error) {
      // The endpoint is off and the API says why; a failed notice must not fail the delivery.
      this.logger.error(
        `Notifying about disabled endpoint ${endpoint.id} failed: ${String(error)}`,
      );
    }
    return true;
  }
}
