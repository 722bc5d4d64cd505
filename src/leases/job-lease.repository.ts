import { isDuplicateKeyError } from '@app/common';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { JobLease } from './schemas/job-lease.schema';

export interface LeaseView {
  name: string;
  generation: number;
  owner: string;
  acquiredAt: Date;
  expiresAt: Date;
  releasedAt?: Date;
  outcome?: string;
}

export interface HeldLease {
  name: string;
  generation: number;
  owner: string;
}

/** Old generations kept for the admin view of recent runs. */
const KEPT_GENERATIONS = 5;

@Injectable()
export class JobLeaseRepository {
  constructor(@InjectModel(JobLease.name) private readonly model: Model<JobLease>) {}

  /** Inserts the next generation when the current one is released or expired; one caller wins. */
  async tryAcquire(params: {
    name: string;
    owner: string;
    now: Date;
    ttlMs: number;
  }): Promise<HeldLease | undefined> {
    const { name, owner, now, ttlMs } = params;
    const current = await this.latest(name);
    if (current && !current.releasedAt && current.expiresAt > now) {
      return undefined;
    }
    const generation = (current?.generation ?? 0) + 1;
    try {
      await this.model.create({
        _id: `${name}:${generation}`,
        name,
        generation,
        owner,
        acquiredAt: now,
        expiresAt: new Date(now.getTime() + ttlMs),
      });
    } catch (error) {
      if (isDuplicateKeyError(error)) {
        return undefined;
      }
      throw error;
    }
    await this.model.deleteMany({ name, generation: { $lte: generation - KEPT_GENERATIONS } });
    return { name, generation, owner };
  }

  /** Extends our own generation; false when a newer generation exists (we lost the lease). */
  async renew(lease: HeldLease, now: Date, ttlMs: number): Promise<boolean> {
    await this.model.updateOne(
      { _id: `${lease.name}:${lease.generation}`, owner: lease.owner },
      { $set: { expiresAt: new Date(now.getTime() + ttlMs) } },
    );
    const newer = await this.model.exists({ _id: `${lease.name}:${lease.generation + 1}` });
    return newer === null;
  }

  async release(lease: HeldLease, now: Date, outcome: string): Promise<void> {
    await this.model.updateOne(
      { _id: `${lease.name}:${lease.generation}`, owner: lease.owner },
      { $set: { releasedAt: now, outcome } },
    );
  }

  /** The current generation of every lease, for the admin system check. */
  async list(): Promise<LeaseView[]> {
    const docs = await this.model.find().sort({ name: 1, generation: -1 }).lean();
    const latest = new Map<string, LeaseView>();
    for (const { _id: _ignored, ...doc } of docs) {
      if (!latest.has(doc.name)) {
        latest.set(doc.name, doc);
      }
    }
    return [...latest.values()];
  }

  private latest(name: string): Promise<JobLease | null> {
    return this.model.findOne({ name }).sort({ generation: -1 }).lean();
  }
}
