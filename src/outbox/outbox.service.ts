import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import { AppException } from '../common/errors/app.exception';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { DispatchReport } from './dispatch-report';
import { OutboxDispatcher } from './outbox-dispatcher.service';
import { OutboxExecutorRegistry } from './outbox-executor.registry';
import { NewOutboxJob, OutboxJobRepository } from './outbox-job.repository';
import {
  AnyEnqueueInput,
  EnqueueInput,
  EnqueueResult,
  OutboxCorrelation,
  OutboxJob,
  OutboxKind,
  OutboxStats,
} from './outbox.types';

/**
 * The durable outbox: every outbound action is stored as a job before it is attempted, then
 * performed (at least once, normally exactly once) with retries, back-off and Telegram's rate
 * limits. Callers name each action with an idempotency key; the same key never sends twice.
 */
@Injectable()
export class OutboxService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly jobs: OutboxJobRepository,
    private readonly registry: OutboxExecutorRegistry,
    private readonly dispatcher: OutboxDispatcher,
  ) {}

  async enqueue<K extends OutboxKind>(input: EnqueueInput<K>): Promise<EnqueueResult<K>> {
    const result = await this.insert(input);
    if (result.created) {
      this.dispatcher.kick();
    }
    // The stored job is the one built from this input (or an earlier one with the same key).
    return result as EnqueueResult<K>;
  }

  /** Several jobs in one insert (and one kick); results in input order. */
  async enqueueMany(inputs: AnyEnqueueInput[]): Promise<EnqueueResult[]> {
    if (inputs.length === 0) {
      return [];
    }
    const now = this.clock.now();
    const inserted = await this.jobs.insertMany(
      inputs.map((input) => this.newJob(input as EnqueueInput, now)),
    );
    const results: EnqueueResult[] = [];
    for (const [i, job] of inserted.entries()) {
      results.push(job ? { job, created: true } : await this.existing(inputs[i].idempotencyKey));
    }
    if (results.some((r) => r.created)) {
      this.dispatcher.kick();
    }
    return results;
  }

  async getByKey(idempotencyKey: string): Promise<OutboxJob | undefined> {
    return this.jobs.findByKey(idempotencyKey);
  }

  /** Several jobs by idempotency key (missing ones are left out), e.g. for a delivery log. */
  getManyByKeys(idempotencyKeys: string[]): Promise<OutboxJob[]> {
    return this.jobs.findByKeys(idempotencyKeys);
  }

  async getById(id: string): Promise<OutboxJob | undefined> {
    return this.jobs.findById(id);
  }

  /** A business object's jobs (e.g. `{ paymentId }`), oldest first. */
  findByCorrelation(correlation: OutboxCorrelation, limit = 100): Promise<OutboxJob[]> {
    return this.jobs.findByCorrelation(correlation, limit);
  }

  /** One dispatch pass (what the scheduled job runs, repeatedly); idempotent. */
  async dispatchDue(options: { limit?: number } = {}): Promise<DispatchReport> {
    const report = await this.dispatcher.dispatchDue(options);
    await this.dispatcher.settleDetached();
    return report;
  }

  /** Passes until nothing is due or `maxMs` has passed, waiting for rate budget in between. */
  async drainDue(options: { maxMs?: number } = {}): Promise<DispatchReport> {
    const report = await this.dispatcher.drain(options);
    await this.dispatcher.settleDetached();
    return report;
  }

  /** Takes over jobs whose worker stopped mid-attempt (their lock ran out) and performs them. */
  reclaimStuck(options: { limit?: number } = {}): Promise<DispatchReport> {
    return this.dispatcher.reclaimStuck(options);
  }

  /**
   * Admin "retry now": a failed, dead or waiting job becomes due at once with a fresh set of
   * attempts. A done job, or one being attempted right now, is refused.
   */
  async retryNow(jobId: string): Promise<OutboxJob> {
    const job = await this.jobs.findById(jobId);
    if (!job) {
      throw AppException.notFound('OUTBOX_JOB_NOT_FOUND', `No outbox job ${jobId}`);
    }
    if (job.status === 'done') {
      throw AppException.conflict('OUTBOX_JOB_DONE', 'This job is already done');
    }
    const budget = this.registry.get(job.kind)?.maxAttempts ?? this.config.outbox.maxAttempts;
    const requeued = await this.dispatcher.requeue(job, job.failures + budget);
    if (!requeued) {
      throw new AppException(
        HttpStatus.CONFLICT,
        'OUTBOX_JOB_IN_FLIGHT',
        'This job is being attempted right now',
      );
    }
    return requeued;
  }

  async stats(): Promise<OutboxStats> {
    const now = this.clock.now();
    const [byStatus, oldestDue] = await Promise.all([
      this.jobs.countByStatus(),
      this.jobs.oldestDue(now),
    ]);
    return {
      backlog: byStatus.pending + byStatus.sending,
      oldestDueAgeMs: oldestDue ? Math.max(0, now.getTime() - oldestDue.getTime()) : 0,
      byStatus,
    };
  }

  private async insert(input: EnqueueInput): Promise<EnqueueResult> {
    const job = await this.jobs.insert(this.newJob(input, this.clock.now()));
    return job ? { job, created: true } : this.existing(input.idempotencyKey);
  }

  private async existing(idempotencyKey: string): Promise<EnqueueResult> {
    const job = await this.jobs.findByKey(idempotencyKey);
    if (!job) {
      throw new Error(`Outbox job ${idempotencyKey} collided but cannot be read back`);
    }
    return { job, created: false };
  }

  private newJob(input: EnqueueInput, now: Date): NewOutboxJob {
    const executor = this.registry.require(input.kind);
    return {
      kind: input.kind,
      payload: input.payload,
      idempotencyKey: input.idempotencyKey,
      status: 'pending',
      attempts: 0,
      failures: 0,
      throttled: 0,
      maxAttempts: executor.maxAttempts ?? this.config.outbox.maxAttempts,
      nextAttemptAt: input.notBefore ?? now,
      chatKey: executor.chatKey(input.payload),
      rateClass: executor.rateClass,
      correlation: input.correlation ?? {},
      createdAt: now,
      updatedAt: now,
    };
  }
}
