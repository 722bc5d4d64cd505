import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Clock } from '../../common/clock/clock';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { JobSchedulerService } from '../../leases/job-scheduler.service';
import { WebhookAttemptRepository } from '../webhook-attempt.repository';
import { WebhookDeliveryRepository } from '../webhook-delivery.repository';
import { WebhookDisablementRepository } from '../webhook-disablement.repository';
import { WebhookEventRepository } from '../webhook-event.repository';

export const WEBHOOK_LOG_PRUNE_JOB = 'seller-webhooks.prune-log';
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Webhook bodies carry customers' Telegram ids and contact details: the log keeps them for
 * WEBHOOK_LOG_RETENTION_DAYS (at least 7, longer than the ~4.3 days a delivery may be retried)
 * and a daily job deletes the rest.
 */
@Injectable()
export class WebhookLogRetention implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly scheduler: JobSchedulerService,
    private readonly events: WebhookEventRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly attempts: WebhookAttemptRepository,
    private readonly disablements: WebhookDisablementRepository,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.scheduler.register({
      name: WEBHOOK_LOG_PRUNE_JOB,
      cron: '40 3 * * *',
      run: () => this.prune(),
    });
  }

  /** Idempotent: deletes what is older than the retention and says how much. */
  async prune(): Promise<{
    events: number;
    deliveries: number;
    attempts: number;
    disablements: number;
  }> {
    const before = new Date(
      this.clock.now().getTime() - this.config.webhooks.logRetentionDays * DAY_MS,
    );
    return {
      events: await this.events.pruneBefore(before),
      deliveries: await this.deliveries.pruneBefore(before),
      attempts: await this.attempts.pruneBefore(before),
      disablements: await this.disablements.pruneBefore(before),
    };
  }
}
