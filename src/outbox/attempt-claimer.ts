import { OutboxAttemptRepository } from './outbox-attempt.repository';
import { OutboxJobRepository } from './outbox-job.repository';
import type { OutboxJob } from './outbox.types';

/** How far past claims left behind by crashed claimants we look before giving up for now. */
const MAX_STALE_CLAIMS = 10;

export interface Claim {
  attempt: number;
  lockedUntil: Date;
  /** The job as it stood when we won the claim. */
  job: OutboxJob;
}

/**
 * Winning the right to update a job, per docs/ARCHITECTURE.md: insert `<jobId>:<attempt>` into
 * outbox_attempts, and only the winner writes the job afterwards.
 *
 * The next attempt number comes from the job (`attempts + 1`). If that claim exists already,
 * someone else is working on it, unless its lock has run out while the job never recorded it
 * (its claimant died between the two writes): then we try the number after it, and re-read the
 * job once we win, because our copy may predate that claimant's work.
 */
export class AttemptClaimer {
  constructor(
    private readonly jobs: OutboxJobRepository,
    private readonly attempts: OutboxAttemptRepository,
  ) {}

  async claim(params: {
    job: OutboxJob;
    owner: string;
    now: Date;
    lockMs: number;
    canClaim: (job: OutboxJob, now: Date) => boolean;
  }): Promise<Claim | undefined> {
    const { owner, now } = params;
    let { job } = params;
    const lockedUntil = new Date(now.getTime() + params.lockMs);
    let attempt = job.attempts + 1;
    for (let skipped = 0; skipped <= MAX_STALE_CLAIMS; skipped += 1) {
      const won = await this.attempts.tryClaim({
        jobId: job.id,
        attempt,
        owner,
        chatKey: job.chatKey,
        rateClass: job.rateClass,
        claimedAt: now,
        lockedUntil,
      });
      if (won) {
        if (skipped > 0) {
          const fresh = await this.jobs.findById(job.id);
          if (!fresh || fresh.attempts >= attempt || !params.canClaim(fresh, now)) {
            return undefined;
          }
          job = fresh;
        }
        return { attempt, lockedUntil, job };
      }
      const existing = await this.attempts.find(job.id, attempt);
      if (!existing || existing.lockedUntil > now) {
        return undefined;
      }
      attempt += 1;
    }
    return undefined;
  }

  /**
   * First tries for many jobs in one insert; the ones lost that way get the careful path above
   * (usually someone else holds them; sometimes a claimant died and we step past its claim).
   */
  async claimMany(params: {
    jobs: OutboxJob[];
    owner: string;
    now: Date;
    lockMs: number;
    canClaim: (job: OutboxJob, now: Date) => boolean;
  }): Promise<Map<string, Claim>> {
    const { jobs, owner, now } = params;
    const lockedUntil = new Date(now.getTime() + params.lockMs);
    const won = await this.attempts.tryClaimMany(
      jobs.map((job) => ({
        jobId: job.id,
        attempt: job.attempts + 1,
        owner,
        chatKey: job.chatKey,
        rateClass: job.rateClass,
        claimedAt: now,
        lockedUntil,
      })),
    );
    const claims = new Map<string, Claim>();
    for (const job of jobs) {
      const claim = won.has(job.id)
        ? { attempt: job.attempts + 1, lockedUntil, job }
        : await this.claim({ ...params, job });
      if (claim) {
        claims.set(job.id, claim);
      }
    }
    return claims;
  }

  /**
   * Before the final write of a long attempt: a newer claim means our lock ran out and someone
   * else owns the job now, so our write would clobber theirs.
   */
  async superseded(jobId: string, attempt: number): Promise<boolean> {
    return this.attempts.exists(jobId, attempt + 1);
  }
}
