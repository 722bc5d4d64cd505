import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { LeaseService } from './lease.service';

export interface ScheduledJob {
  /** Also the lease name: one instance at a time runs a job of this name. */
  name: string;
  /** A fixed period, or a cron expression (UTC); one of the two. */
  everyMs?: number;
  cron?: string;
  /** Lease TTL; defaults to a minute, renewed while the job runs. */
  leaseTtlMs?: number;
  /** Idempotent work; its return value is logged as what the run did. */
  run: () => Promise<unknown>;
}

/**
 * The only place scheduled work starts. Domains register their jobs here; the job wrapper is thin:
 * kill switch, lease, then the domain's own idempotent method. With CRON_ENABLED=false nothing is
 * scheduled and tests drive the domain methods directly.
 */
@Injectable()
export class JobSchedulerService implements OnModuleDestroy {
  private readonly logger = new Logger(JobSchedulerService.name);
  private readonly running = new Set<string>();
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: SchedulerRegistry,
    private readonly leases: LeaseService,
  ) {}

  get enabled(): boolean {
    return this.config.cronEnabled;
  }

  register(job: ScheduledJob): void {
    if (!this.enabled) {
      return;
    }
    const tick = (): void => void this.tick(job);
    if (job.cron) {
      const cronJob = CronJob.from({
        cronTime: job.cron,
        onTick: tick,
        timeZone: 'UTC',
        start: true,
      });
      this.registry.addCronJob(job.name, cronJob);
    } else if (job.everyMs) {
      this.registry.addInterval(job.name, setInterval(tick, job.everyMs));
    } else {
      throw new Error(`Job ${job.name} needs everyMs or cron`);
    }
  }

  /** Runs one job now under its lease (used by ticks and by admin "run now" tools). */
  async runNow(
    job: Pick<ScheduledJob, 'name' | 'run' | 'leaseTtlMs'>,
  ): Promise<{ ran: boolean; result?: unknown }> {
    return this.leases.runExclusive(job.name, { ttlMs: job.leaseTtlMs ?? 60_000 }, job.run);
  }

  onModuleDestroy(): void {
    this.stopped = true;
    for (const name of this.registry.getIntervals()) {
      this.registry.deleteInterval(name);
    }
    for (const name of this.registry.getCronJobs().keys()) {
      this.registry.deleteCronJob(name);
    }
  }

  private async tick(job: ScheduledJob): Promise<void> {
    // A slow run is not overlapped by the next tick of the same instance.
    if (this.stopped || this.running.has(job.name)) {
      return;
    }
    this.running.add(job.name);
    try {
      const outcome = await this.runNow(job);
      if (outcome.ran && outcome.result !== undefined) {
        this.logger.debug({ job: job.name, result: outcome.result }, 'job ran');
      }
    } catch (error) {
      this.logger.error(`Job ${job.name} failed: ${(error as Error).message}`);
    } finally {
      this.running.delete(job.name);
    }
  }
}
