import { newInstanceId } from '@app/common';
import { Injectable, Logger, BeforeApplicationShutdown } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import { HeldLease, JobLeaseRepository, LeaseView } from './job-lease.repository';

export type ExclusiveRun<T> = { ran: false } | { ran: true; result: T };

export interface ExclusiveOptions {
  /** How long the lease lives without renewal; a crashed owner loses it after this. */
  ttlMs: number;
}

/**
 * Named leases in the database so that, with several instances running, a job runs on one of
 * them at a time. The holder renews at a third of the TTL while it works; a crashed holder's
 * lease simply expires and the next instance to ask takes it over (see JobLease for why taking
 * a lease is an insert, not a conditional update).
 */
@Injectable()
export class LeaseService implements BeforeApplicationShutdown {
  readonly instanceId = newInstanceId();
  private readonly logger = new Logger(LeaseService.name);
  private readonly inFlight = new Set<Promise<unknown>>();
  private stopping = false;

  constructor(
    private readonly leases: JobLeaseRepository,
    private readonly clock: Clock,
  ) {}

  async runExclusive<T>(
    name: string,
    options: ExclusiveOptions,
    work: () => Promise<T>,
  ): Promise<ExclusiveRun<T>> {
    if (this.stopping) {
      return { ran: false };
    }
    // Tracked from before acquisition, so shutdown also waits for a lease being taken right now.
    const run = this.acquireAndRun(name, options.ttlMs, work);
    this.inFlight.add(run);
    try {
      return await run;
    } finally {
      this.inFlight.delete(run);
    }
  }

  list(): Promise<LeaseView[]> {
    return this.leases.list();
  }

  /**
   * A stopping instance lets its running jobs finish and release their leases, so the next
   * instance takes over at once instead of waiting for the TTL, and never while work is running.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.inFlight]);
  }

  private async acquireAndRun<T>(
    name: string,
    ttlMs: number,
    work: () => Promise<T>,
  ): Promise<ExclusiveRun<T>> {
    const lease = await this.leases.tryAcquire({
      name,
      owner: this.instanceId,
      now: this.clock.now(),
      ttlMs,
    });
    if (!lease) {
      return { ran: false };
    }
    return { ran: true, result: await this.runHolding(lease, ttlMs, work) };
  }

  private async runHolding<T>(lease: HeldLease, ttlMs: number, work: () => Promise<T>): Promise<T> {
    const renewal = setInterval(() => void this.renew(lease, ttlMs), Math.max(10, ttlMs / 3));
    let outcome = 'ok';
    try {
      return await work();
    } catch (error) {
      outcome = `error: ${(error as Error).message}`.slice(0, 500);
      throw error;
    } finally {
      clearInterval(renewal);
      await this.leases.release(lease, this.clock.now(), outcome);
    }
  }

  private async renew(lease: HeldLease, ttlMs: number): Promise<void> {
    try {
      if (!(await this.leases.renew(lease, this.clock.now(), ttlMs))) {
        this.logger.warn(`Lost lease ${lease.name} while its job was running`);
      }
    } catch (error) {
      this.logger.warn(`Could not renew lease ${lease.name}: ${(error as Error).message}`);
    }
  }
}
