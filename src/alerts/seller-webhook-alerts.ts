import { Injectable, OnModuleInit } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { JobSchedulerService } from '../leases/job-scheduler.service';
import { EndpointHealthService } from '../seller-webhooks/delivery/endpoint-health.service';
import {
  SellerWebhookEvents,
  WebhookEndpointDisabledEvent,
} from '../seller-webhooks/seller-webhooks.events';
import { AlertsService } from './alerts.service';

/** An endpoint failing every delivery for this long is worth an admin's look. */
export const WEBHOOK_FAILING_FOR_MS = 60 * 60_000;
const CHECK_EVERY_MS = 15 * 60_000;

/**
 * Admin alerts about sellers' webhook endpoints: one that has failed every attempt for over an
 * hour (a periodic check under its lease; one alert per failure streak), and one the delivery
 * worker switched off.
 */
@Injectable()
export class SellerWebhookAlerts implements OnModuleInit {
  constructor(
    private readonly health: EndpointHealthService,
    private readonly alerts: AlertsService,
    private readonly scheduler: JobSchedulerService,
  ) {}

  onModuleInit(): void {
    this.scheduler.register({
      name: 'alerts.seller-webhooks',
      everyMs: CHECK_EVERY_MS,
      run: () => this.checkFailing(),
    });
  }

  async checkFailing(): Promise<{ failing: number; alerted: number }> {
    const failing = await this.health.failingEndpoints({ failingForMs: WEBHOOK_FAILING_FOR_MS });
    let alerted = 0;
    for (const endpoint of failing) {
      const outcome = await this.alerts.raise({
        kind: 'seller_webhook_failing',
        incident: `${endpoint.endpointId}:${endpoint.failingSince.getTime()}`,
        text:
          `Seller ${endpoint.sellerId}'s webhook endpoint ${endpoint.url} has failed every ` +
          `delivery since ${endpoint.failingSince.toISOString()} (${endpoint.failures} ` +
          `attempts; last: ${endpoint.lastError ?? 'unknown'}).`,
      });
      alerted += outcome === 'duplicate' ? 0 : 1;
    }
    return { failing: failing.length, alerted };
  }

  @OnEvent(SellerWebhookEvents.EndpointDisabled)
  async onDisabled(event: WebhookEndpointDisabledEvent): Promise<void> {
    await this.alerts.raise({
      kind: 'seller_webhook_failing',
      incident: `disabled:${event.endpointId}:${event.at.getTime()}`,
      text:
        `Seller ${event.sellerId}'s webhook endpoint ${event.url} was switched off after ` +
        `${event.failures} failed deliveries in a row (last: ${event.lastError ?? 'unknown'}).`,
    });
  }
}
