import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { JobSchedulerService } from '../leases/job-scheduler.service';
import { PrivacyService } from './privacy.service';

/** Thin scheduled wrappers (kill switch and lease in JobSchedulerService). */
@Injectable()
export class PrivacyJobs implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly scheduler: JobSchedulerService,
    private readonly privacy: PrivacyService,
  ) {}

  onApplicationBootstrap(): void {
    this.scheduler.register({
      name: 'privacy.daily',
      cron: this.config.privacy.cron,
      leaseTtlMs: 10 * 60_000,
      run: () => this.privacy.runDaily(),
    });
    this.scheduler.register({
      name: 'privacy.requested',
      everyMs: 60_000,
      run: () => this.privacy.runRequested(),
    });
  }
}
