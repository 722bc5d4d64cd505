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
