import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { JobSchedulerService } from '../../leases/job-scheduler.service';
import { ExpiryService } from './expiry.service';
import { ReminderService } from './reminder.service';

const REMINDER_EVERY_MS = 5 * 60_000;

/** Thin scheduled wrappers (kill switch and lease in JobSchedulerService) over idempotent methods. */
@Injectable()
export class LifecycleJobs implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly scheduler: JobSchedulerService,
    private readonly expiry: ExpiryService,
    private readonly reminders: ReminderService,
  ) {}

  onApplicationBootstrap(): void {
    this.scheduler.register({
      name: 'access.expiry',
      everyMs: this.config.access.expiryJobIntervalMs,
      leaseTtlMs: 5 * 60_000,
      run: () => this.expiry.sweep(),
    });
    this.scheduler.register({
      name: 'access.reminders',
      everyMs: REMINDER_EVERY_MS,
      run: () => this.reminders.sendDue(),
    });
  }
}
