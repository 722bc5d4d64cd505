import { isDuplicateKeyError } from '@app/common';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import type { RateClass } from './outbox.types';
import { OutboxAttemptRecord } from './schemas/outbox-attempt.schema';

export interface AttemptClaim {
  jobId: string;
  attempt: number;
  owner: string;
  chatKey: string;
  rateClass: RateClass;
  claimedAt: Date;
  lockedUntil: Date;
}

export interface RecentSend {
  id: string;
  chatKey: string;
  rateClass: RateClass;
  claimedAt: Date;
}

@Injectable()
export class OutboxAttemptRepository {
  constructor(
    @InjectModel(OutboxAttemptRecord.name) private readonly model: Model<OutboxAttemptRecord>,
  ) {}

  /** True when this caller won the attempt; false when someone else inserted it first. */
  async tryClaim(claim: AttemptClaim): Promise<boolean> {
    try {
      await this.model.create({ _id: attemptId(claim.jobId, claim.attempt), ...claim });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) {
        return false;
      }
      throw error;
    }
  }

  /**
   * Several first-try claims in one round trip (inserts are cheap in bulk, one by one they are
   * not on FerretDB). Returns the claims that were won; duplicates mean someone else has them.
   */
  async tryClaimMany(claims: AttemptClaim[]): Promise<Set<string>> {
    const docs = claims.map((claim) => ({ _id: attemptId(claim.jobId, claim.attempt), ...claim }));
    const lost = new Set<number>();
    try {
      await this.model.collection.insertMany(docs as never[], { ordered: false });
    } catch (error) {
      const writeErrors = (error as { writeErrors?: unknown }).writeErrors;
      const list = (Array.isArray(writeErrors) ? writeErrors : [writeErrors]) as Array<{
        index: number;
        code?: number;
        err?: { code?: number };
      }>;
      if (writeErrors === undefined || list.some((e) => (e.code ?? e.err?.code) !== 11000)) {
        throw error;
      }
      list.forEach((e) => lost.add(e.index));
    }
    return new Set(docs.filter((_, i) => !lost.has(i)).map((doc) => doc.jobId));
  }

  async find(jobId: string, attempt: number): Promise<AttemptClaim | undefined> {
    const doc = await this.model.findById(attemptId(jobId, attempt)).lean();
    if (!doc) {
      return undefined;
    }
    const { _id: _ignored, ...claim } = doc;
    return claim;
  }

  async exists(jobId: string, attempt: number): Promise<boolean> {
    return (await this.model.exists({ _id: attemptId(jobId, attempt) })) !== null;
  }

  /** Rate-limited sends other instances claimed since `since`. */
  async recentByOthers(params: { since: Date; owner: string }): Promise<RecentSend[]> {
    const docs = await this.model
      .find({
        claimedAt: { $gt: params.since },
        owner: { $ne: params.owner },
        rateClass: { $ne: 'none' },
      })
      .select({ chatKey: 1, rateClass: 1, claimedAt: 1 })
      .lean();
    return docs.map((d) => ({
      id: d._id,
      chatKey: d.chatKey,
      rateClass: d.rateClass,
      claimedAt: d.claimedAt,
    }));
  }

  /** Old claims are history only: a job's next claim number comes from the job itself. */
  async pruneBefore(before: Date): Promise<number> {
    const { deletedCount } = await this.model.deleteMany({ claimedAt: { $lt: before } });
    return deletedCount;
  }
}

export function attemptId(jobId: string, attempt: number): string {
  return `${jobId}:${attempt}`;
}
