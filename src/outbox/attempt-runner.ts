import { Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { Clock } from '../common/clock/clock';
import type { AttemptClaimer, Claim } from './attempt-claimer';
import { AttemptEnd, attemptResult } from './attempt-result';
import type { DispatchReport } from './dispatch-report';
import type { OutboxExecutorRegistry } from './outbox-executor.registry';
import type { OutboxJobRepository } from './outbox-job.repository';
import type { OutboxEventName } from './outbox.events';
import type { OutboxJob } from './outbox.types';

/**
 * A call still running after this is recorded on the job as 'sending'. Fast calls skip that write
 * (on FerretDB every write costs milliseconds); the attempt claim is the lock either way, and a
 * worker that dies leaves a claim the next one steps past.
 */
const MARK_SENDING_AFTER_MS = 1_000;
const SHUTDOWN = 'shutdown';

/** Performs one claimed attempt and records how it ended; only the claim's owner runs this. */
export class AttemptRunner {
  private readonly logger = new Logger('Outbox');
  private readonly inFlight = new Set<AbortController>();

  constructor(
    private readonly deps: {
      owner: string;
      clock: Clock;
      jobs: OutboxJobRepository;
      claimer: AttemptClaimer;
      registry: OutboxExecutorRegistry;
      events: EventEmitter2;
      callTimeoutMs: number;
    },
  ) {}

  /** Aborts running calls; their attempts end as 'interrupted' and go back to pending. */
  abortAll(): void {
    for (const controller of this.inFlight) {
      controller.abort(SHUTDOWN);
    }
  }

  async run(claim: Claim, report: DispatchReport): Promise<AttemptEnd> {
    const job = takeOver(claim);
    if (job.failures >= job.maxAttempts) {
      await this.record(job, claim, { type: 'exhausted' }, report);
      return { type: 'exhausted' };
    }
    let marking: Promise<void> | undefined;
    const markSending = (): void => {
      marking = this.deps.jobs.update(job.id, {
        status: 'sending',
        attempts: claim.attempt,
        failures: job.failures,
        lastError: job.lastError,
        owner: this.deps.owner,
        lockedUntil: claim.lockedUntil,
        updatedAt: this.deps.clock.now(),
      });
    };
    // A job taken over from a dead worker says so at once: nobody else should reclaim it now.
    const timer =
      claim.job.status === 'sending' ? undefined : setTimeout(markSending, MARK_SENDING_AFTER_MS);
    if (!timer) {
      markSending();
    }
    const end = await this.perform(job, claim.attempt);
    clearTimeout(timer);
    await marking;
    await this.record(job, claim, end, report);
    return end;
  }

  private async perform(job: OutboxJob, attempt: number): Promise<AttemptEnd> {
    const executor = this.deps.registry.require(job.kind);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.deps.callTimeoutMs);
    this.inFlight.add(controller);
    try {
      const result = await executor.execute(job.payload, {
        jobId: job.id,
        attempt,
        signal: controller.signal,
      });
      return { type: 'done', result };
    } catch (error) {
      return controller.signal.reason === SHUTDOWN
        ? { type: 'interrupted' }
        : executor.classify(error);
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(controller);
    }
  }

  private async record(
    job: OutboxJob,
    claim: Claim,
    end: AttemptEnd,
    report: DispatchReport,
  ): Promise<void> {
    const now = this.deps.clock.now();
    if (now >= claim.lockedUntil && (await this.deps.claimer.superseded(job.id, claim.attempt))) {
      this.logger.warn(`Job ${job.id} attempt ${claim.attempt} finished after another took over`);
      report.lost += 1;
      return;
    }
    const executor = this.deps.registry.get(job.kind);
    const schedule = executor?.retryDelayMs ? (f: number) => executor.retryDelayMs!(f) : undefined;
    const { changes, event, counter } = attemptResult(job, end, now, schedule);
    const kept =
      end.type === 'done' && executor?.keptWhenDone
        ? executor.keptWhenDone(job.payload)
        : undefined;
    const update = {
      attempts: claim.attempt,
      failures: job.failures,
      lastError: job.lastError,
      ...changes,
      ...(kept ? { payload: kept } : {}),
      owner: this.deps.owner,
      lockedUntil: undefined,
      updatedAt: now,
    };
    await this.deps.jobs.update(job.id, update);
    report[counter] += 1;
    if (event) {
      await this.emit(event, { ...job, ...update });
    }
  }

  private async emit(event: OutboxEventName, job: OutboxJob): Promise<void> {
    try {
      await this.deps.events.emitAsync(event, { job });
    } catch (error) {
      this.logger.error(`A listener of ${event} failed for job ${job.id}: ${String(error)}`);
    }
  }
}

/**
 * Attempts whose worker died count as failures (a job that crashes its worker must not loop for
 * ever): the one a 'sending' job was left in, and any claims we had to step past.
 */
function takeOver(claim: Claim): OutboxJob {
  const { job } = claim;
  const lost = (job.status === 'sending' ? 1 : 0) + (claim.attempt - job.attempts - 1);
  if (lost === 0) {
    return job;
  }
  return {
    ...job,
    failures: job.failures + lost,
    lastError: `LOST: attempt ${claim.attempt - 1} never finished (its worker stopped)`,
  };
}
