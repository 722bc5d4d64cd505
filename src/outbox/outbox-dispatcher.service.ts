import { newInstanceId, sleep } from '@app/common';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { Clock } from '../common/clock/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { JobSchedulerService } from '../leases/job-scheduler.service';
import { AttemptClaimer, Claim } from './attempt-claimer';
import { AttemptRunner } from './attempt-runner';
import { addReport, DispatchReport, emptyReport } from './dispatch-report';
import { OutboxAttemptRepository } from './outbox-attempt.repository';
import { OutboxExecutorRegistry } from './outbox-executor.registry';
import { OutboxJobRepository } from './outbox-job.repository';
import type { OutboxJob } from './outbox.types';
import { RateTicket, SlidingWindowLimiter } from './rate-limiter';
import { rateWindows, TELEGRAM_BOT_KEY } from './rate-policy';

export const DISPATCH_JOB = 'outbox.dispatch';
const PRUNE_JOB = 'outbox.prune-attempts';
const DEFAULT_BATCH = 100;
const DRAIN_MAX_MS = 10_000;
/** A claim outlives the call timeout by this much before another instance may take over. */
const LOCK_MARGIN_MS = 15_000;
/** How long a stopping instance lets running calls finish before aborting them. */
const SHUTDOWN_GRACE_MS = 2_000;
const SEED_EVERY_MS = 1_000;
const LEDGER_HORIZON_MS = 65_000;
const ATTEMPT_RETENTION_MS = 7 * 24 * 3_600_000;
const TELEGRAM_CLASSES = ['telegram-message', 'telegram-call'];
/** Looking for stuck jobs scans the collection on FerretDB: not on every pass. */
const STUCK_EVERY_MS = 5_000;

/**
 * Sends due jobs. One instance dispatches at a time (the `outbox.dispatch` lease), so it keeps
 * Telegram's rate budget in memory and seeds it from the attempts ledger when it takes over
 * (docs/ARCHITECTURE.md, "Outbox"). Correctness never rests on the lease: each attempt is claimed
 * by a unique insert first, so even overlapping dispatchers perform an attempt once.
 */
@Injectable()
export class OutboxDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  readonly owner = newInstanceId();
  private readonly logger = new Logger('Outbox');
  private readonly claimer: AttemptClaimer;
  private readonly limiter = new SlidingWindowLimiter();
  private readonly runner: AttemptRunner;
  private readonly running = new Set<Promise<void>>();
  private readonly seen = new Map<string, number>();
  private seededAtMs = 0;
  private stuckCheckedAtMs = 0;
  private draining = false;
  private kickRequested = false;
  /** Jobs running beside the pass (see runDetached), by job id. */
  private readonly detached = new Map<string, Promise<void>>();
  /** Telegram jobs started by a pass and still running (see runInFlight), by job id. */
  private readonly inFlight = new Map<string, Promise<void>>();
  private kickScheduled = false;
  private stopping = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly jobs: OutboxJobRepository,
    private readonly attempts: OutboxAttemptRepository,
    private readonly registry: OutboxExecutorRegistry,
    private readonly events: EventEmitter2,
    private readonly scheduler: JobSchedulerService,
  ) {
    this.claimer = new AttemptClaimer(jobs, attempts);
    this.runner = new AttemptRunner({
      owner: this.owner,
      clock,
      jobs,
      claimer: this.claimer,
      registry,
      events,
      callTimeoutMs: config.outbox.callTimeoutMs,
    });
  }

  get lockMs(): number {
    return this.config.outbox.callTimeoutMs + LOCK_MARGIN_MS;
  }

  onApplicationBootstrap(): void {
    this.scheduler.register({
      name: DISPATCH_JOB,
      everyMs: this.config.outbox.dispatchIntervalMs,
      leaseTtlMs: 30_000,
      run: () => this.drain(),
    });
    this.scheduler.register({ name: PRUNE_JOB, cron: '17 * * * *', run: () => this.prune() });
  }

  /** Dispatch soon in this process (after an enqueue) instead of waiting for the next tick. */
  kick(): void {
    if (!this.scheduler.enabled || this.stopping) {
      return;
    }
    this.kickRequested = true;
    if (this.draining || this.kickScheduled) {
      return;
    }
    this.kickScheduled = true;
    setImmediate(() => {
      this.kickScheduled = false;
      this.scheduler
        .runNow({ name: DISPATCH_JOB, leaseTtlMs: 30_000, run: () => this.drain() })
        .catch((error: unknown) => this.logger.error(`Dispatch failed: ${String(error)}`));
    });
  }

  /** Passes until nothing is due or `maxMs` passed, waiting for rate budget in between. */
  async drain({ maxMs = DRAIN_MAX_MS }: { maxMs?: number } = {}): Promise<DispatchReport> {
    const passes: DispatchReport[] = [];
    const deadline = Date.now() + maxMs;
    this.draining = true;
    try {
      while (!this.stopping && Date.now() < deadline) {
        this.kickRequested = false;
        const pass = await this.dispatchDue();
        passes.push(pass);
        if (pass.claimed > 0 || pass.lost > 0 || this.kickRequested) {
          continue;
        }
        const wait = this.limiter.nextFreeInMs(Date.now());
        const idle = pass.deferred === 0 && this.inFlight.size === 0;
        if (idle && (wait === undefined || !(await this.anythingDue()))) {
          break;
        }
        await this.pause(wait);
      }
      // A pass does not wait for its Telegram calls; the drain does, so its report is complete.
      await Promise.allSettled([...this.inFlight.values()]);
    } finally {
      this.draining = false;
    }
    return passes.reduce(addReport, emptyReport());
  }

  /**
   * Between passes: until a rate window frees up (`budgetInMs`), or, when none is full, until a
   * running job ends (what is due is running; polling would scan the outbox for nothing), at most
   * 250 ms so new work is seen.
   */
  private async pause(budgetInMs: number | undefined): Promise<void> {
    if (budgetInMs !== undefined) {
      await sleep(Math.min(Math.max(budgetInMs, 5), 250));
      return;
    }
    await Promise.race([sleep(this.inFlight.size > 0 ? 250 : 5), ...this.inFlight.values()]);
  }

  /** One pass: claims and performs due jobs (and stuck ones) within the rate budget. */
  async dispatchDue({ limit = DEFAULT_BATCH }: { limit?: number } = {}): Promise<DispatchReport> {
    const report = emptyReport();
    const kinds = this.registry.availableKinds();
    if (this.stopping || kinds.length === 0) {
      return report;
    }
    const now = this.clock.now();
    await this.seedRateWindows(now);
    const full = this.limiter.fullKeys(Date.now());
    const stuck =
      now.getTime() - this.stuckCheckedAtMs >= STUCK_EVERY_MS
        ? await this.jobs.findStuck({ now, kinds, limit })
        : [];
    if (stuck.length === 0) {
      this.stuckCheckedAtMs = now.getTime();
    }
    const due = await this.jobs.findDue({
      now,
      kinds,
      excludeChatKeys: full,
      excludeRateClasses: full.includes(TELEGRAM_BOT_KEY) ? TELEGRAM_CLASSES : [],
      limit: limit * 2,
    });
    const nowMs = Date.now();
    const picked: Array<{ job: OutboxJob; ticket: RateTicket }> = [];
    for (const job of [...stuck, ...due]) {
      if (picked.length >= limit) {
        break;
      }
      if (this.detached.has(job.id) || this.inFlight.has(job.id)) {
        continue;
      }
      const ticket = this.limiter.tryAcquire(
        rateWindows(this.config.telegram.rateLimits, job),
        nowMs,
      );
      if (ticket) {
        picked.push({ job, ticket });
      } else {
        report.deferred += 1;
      }
    }
    await this.track(this.runPicked(picked, report).then(() => undefined));
    return report;
  }

  /** Claims the picked jobs and starts them; resolves once claimed, with the runs it started. */
  private async runPicked(
    picked: Array<{ job: OutboxJob; ticket: RateTicket }>,
    report: DispatchReport,
  ): Promise<Array<Promise<void>>> {
    if (picked.length === 0) {
      return [];
    }
    const claims = await this.claimer.claimMany({
      jobs: picked.map((p) => p.job),
      owner: this.owner,
      now: this.clock.now(),
      lockMs: this.lockMs,
      canClaim: dispatchable,
    });
    const started: Array<Promise<void>> = [];
    for (const { job, ticket } of picked) {
      const claim = claims.get(job.id);
      if (!claim) {
        this.limiter.release(ticket);
        report.lost += 1;
        continue;
      }
      report.claimed += 1;
      this.limiter.touch(ticket, Date.now());
      started.push(
        job.rateClass === 'none'
          ? this.runDetached(claim, report)
          : this.runInFlight(claim, report),
      );
    }
    return started;
  }

  /**
   * A Telegram job whose rate ticket is taken runs without holding up the next pass: the budget,
   * not the slowest call of a batch, sets the pace (with a pass waiting for its batch, the
   * expiry bench reached half of the configured rate).
   */
  private runInFlight(claim: Claim, report: DispatchReport): Promise<void> {
    const { job } = claim;
    const work = this.runner
      .run(claim, report)
      .then((end) => {
        if (end.type === 'throttled') {
          this.limiter.block(job.chatKey, Date.now() + end.retryAfterMs);
        }
      })
      .catch((error: unknown) => this.logger.error(`Job ${job.id} failed to run: ${String(error)}`))
      .finally(() => this.inFlight.delete(job.id));
    this.inFlight.set(job.id, work);
    return this.track(work);
  }

  /**
   * Jobs outside Telegram's budget (seller webhooks, e-mail) may wait seconds on a slow server;
   * they run beside the pass instead of inside it, so they never hold up Telegram deliveries.
   * Shutdown still waits for them (track), and later passes skip them while they run.
   */
  private runDetached(claim: Claim, report: DispatchReport): Promise<void> {
    const jobId = claim.job.id;
    const work = this.runner
      .run(claim, report)
      .then(() => undefined)
      .catch((error: unknown) => this.logger.error(`Job ${jobId} failed to run: ${String(error)}`))
      .finally(() => this.detached.delete(jobId));
    this.detached.set(jobId, work);
    void this.track(work);
    // A pass never waits for these; reclaimStuck does, for the ones it started.
    return work;
  }

  /** Resolves once every job a pass started has finished (callers that want results now). */
  async settleDetached(): Promise<void> {
    await Promise.allSettled([...this.detached.values(), ...this.inFlight.values()]);
  }

  /** Only the jobs whose worker stopped mid-attempt (lock expired), taken over now. */
  async reclaimStuck({ limit = DEFAULT_BATCH }: { limit?: number } = {}): Promise<DispatchReport> {
    const report = emptyReport();
    const kinds = this.registry.availableKinds();
    if (this.stopping || kinds.length === 0) {
      return report;
    }
    const stuck = await this.jobs.findStuck({ now: this.clock.now(), kinds, limit });
    const windows = (job: OutboxJob) => rateWindows(this.config.telegram.rateLimits, job);
    await Promise.all(
      stuck.map(async (job) => {
        const wait = this.limiter.waitMs(windows(job), Date.now());
        if (wait > 0) {
          await sleep(wait);
        }
        const ticket = this.limiter.tryAcquire(windows(job), Date.now());
        if (ticket) {
          await Promise.all(await this.runPicked([{ job, ticket }], report));
        } else {
          report.deferred += 1;
        }
      }),
    );
    return report;
  }

  /** Claims the job's next attempt without performing it: the admin's "retry now". */
  async requeue(job: OutboxJob, maxAttempts: number): Promise<OutboxJob | undefined> {
    const now = this.clock.now();
    const claim = await this.claimer.claim({
      job: { ...job, rateClass: 'none' },
      owner: this.owner,
      now,
      lockMs: this.lockMs,
      canClaim: (j, at) => j.status !== 'done' && !(j.status === 'sending' && j.lockedUntil! > at),
    });
    if (!claim) {
      return undefined;
    }
    const changes = {
      status: 'pending' as const,
      attempts: claim.attempt,
      nextAttemptAt: now,
      maxAttempts,
      throttled: 0,
      owner: this.owner,
      lockedUntil: undefined,
      finishedAt: undefined,
      updatedAt: now,
    };
    await this.jobs.update(job.id, changes);
    this.kick();
    return { ...claim.job, rateClass: job.rateClass, ...changes };
  }

  /** Stop taking work, let running calls finish briefly, then abort them and requeue. */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    const running = [...this.running];
    if (running.length === 0) {
      return;
    }
    await Promise.race([Promise.allSettled(running), sleep(SHUTDOWN_GRACE_MS)]);
    this.runner.abortAll();
    await Promise.allSettled(running);
  }

  async prune(): Promise<{ deletedAttempts: number }> {
    const before = new Date(this.clock.now().getTime() - ATTEMPT_RETENTION_MS);
    return { deletedAttempts: await this.attempts.pruneBefore(before) };
  }

  private track(work: Promise<void>): Promise<void> {
    this.running.add(work);
    return work.finally(() => this.running.delete(work));
  }

  private async anythingDue(): Promise<boolean> {
    return (await this.jobs.oldestDue(this.clock.now())) !== undefined;
  }

  /** Counts what other instances sent lately, so taking over the dispatcher cannot burst. */
  private async seedRateWindows(now: Date): Promise<void> {
    if (now.getTime() - this.seededAtMs < SEED_EVERY_MS) {
      return;
    }
    this.seededAtMs = now.getTime();
    const since = new Date(now.getTime() - LEDGER_HORIZON_MS);
    for (const send of await this.attempts.recentByOthers({ since, owner: this.owner })) {
      if (!this.seen.has(send.id)) {
        this.seen.set(send.id, send.claimedAt.getTime());
        this.limiter.record(
          rateWindows(this.config.telegram.rateLimits, send),
          send.claimedAt.getTime(),
        );
      }
    }
    for (const [id, at] of this.seen) {
      if (at < since.getTime()) {
        this.seen.delete(id);
      }
    }
  }
}

/** A job an attempt may start on: due and waiting, or left 'sending' by a worker that died. */
function dispatchable(job: OutboxJob, now: Date): boolean {
  return (
    (job.status === 'pending' && job.nextAttemptAt <= now) ||
    (job.status === 'sending' && job.lockedUntil !== undefined && job.lockedUntil < now)
  );
}
