import { isDuplicateKeyError } from '@app/common';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { FilterQuery, Model, Types } from 'mongoose';
import {
  CORRELATION_KEYS,
  OUTBOX_STATUSES,
  OutboxCorrelation,
  OutboxJob,
  OutboxKind,
  OutboxStatus,
} from './outbox.types';
import { OutboxJobRecord } from './schemas/outbox-job.schema';

export type NewOutboxJob = Omit<OutboxJob, 'id'>;

/** Fields the owner of the current attempt claim writes. */
export type OutboxJobChanges = Partial<
  Pick<
    OutboxJob,
    | 'status'
    | 'attempts'
    | 'failures'
    | 'throttled'
    | 'maxAttempts'
    | 'nextAttemptAt'
    | 'lastError'
    | 'owner'
    | 'lockedUntil'
    | 'result'
    | 'finishedAt'
    | 'payload'
  >
> & { updatedAt: Date };

@Injectable()
export class OutboxJobRepository {
  constructor(@InjectModel(OutboxJobRecord.name) private readonly model: Model<OutboxJobRecord>) {}

  /** Inserts the job; undefined when its idempotency key is taken (the event is already queued). */
  async insert(job: NewOutboxJob): Promise<OutboxJob | undefined> {
    const id = new Types.ObjectId().toHexString();
    try {
      await this.model.create({ _id: id, ...job });
      return { id, ...job };
    } catch (error) {
      if (isDuplicateKeyError(error)) {
        return undefined;
      }
      throw error;
    }
  }

  /** Many jobs in one round trip; undefined at each position whose idempotency key was taken. */
  async insertMany(jobs: NewOutboxJob[]): Promise<Array<OutboxJob | undefined>> {
    const docs = jobs.map((job) => ({ _id: new Types.ObjectId().toHexString(), ...job }));
    const taken = new Set<number>();
    try {
      await this.model.collection.insertMany(docs as never[], { ordered: false });
    } catch (error) {
      const writeErrors = (error as { writeErrors?: unknown }).writeErrors;
      const list = (Array.isArray(writeErrors) ? writeErrors : [writeErrors]) as Array<{
        index: number;
        code?: number;
      }>;
      if (writeErrors === undefined || list.some((e) => e.code !== 11000)) {
        throw error;
      }
      list.forEach((e) => taken.add(e.index));
    }
    return docs.map(({ _id, ...job }, i) => (taken.has(i) ? undefined : { id: _id, ...job }));
  }

  async findById(id: string): Promise<OutboxJob | undefined> {
    return toJob(await this.model.findById(id).lean());
  }

  async findByKey(idempotencyKey: string): Promise<OutboxJob | undefined> {
    return toJob(await this.model.findOne({ idempotencyKey }).lean());
  }

  async findByKeys(idempotencyKeys: string[]): Promise<OutboxJob[]> {
    if (idempotencyKeys.length === 0) {
      return [];
    }
    const docs = await this.model.find({ idempotencyKey: { $in: idempotencyKeys } }).lean();
    return docs.map((doc) => toJob(doc)!);
  }

  async findByCorrelation(correlation: OutboxCorrelation, limit: number): Promise<OutboxJob[]> {
    const filter: FilterQuery<OutboxJobRecord> = {};
    for (const key of CORRELATION_KEYS) {
      if (correlation[key] !== undefined) {
        filter[`correlation.${key}`] = correlation[key];
      }
    }
    if (Object.keys(filter).length === 0) {
      return [];
    }
    const docs = await this.model.find(filter).sort({ createdAt: 1 }).limit(limit).lean();
    return docs.map((doc) => toJob(doc)!);
  }

  /** Pending jobs whose time has come, oldest first, leaving out rate-limited keys. */
  async findDue(params: {
    now: Date;
    kinds: OutboxKind[];
    excludeChatKeys: string[];
    excludeRateClasses: string[];
    limit: number;
  }): Promise<OutboxJob[]> {
    const filter: FilterQuery<OutboxJobRecord> = {
      status: 'pending',
      nextAttemptAt: { $lte: params.now },
      kind: { $in: params.kinds },
    };
    if (params.excludeChatKeys.length > 0) {
      filter.chatKey = { $nin: params.excludeChatKeys };
    }
    if (params.excludeRateClasses.length > 0) {
      filter.rateClass = { $nin: params.excludeRateClasses };
    }
    const docs = await this.model
      .find(filter)
      .sort({ nextAttemptAt: 1, _id: 1 })
      .limit(params.limit)
      .lean();
    return docs.map((doc) => toJob(doc)!);
  }

  /** Jobs an attempt was started on whose lock ran out: that worker stopped or stalled. */
  async findStuck(params: { now: Date; kinds: OutboxKind[]; limit: number }): Promise<OutboxJob[]> {
    const docs = await this.model
      .find({ status: 'sending', lockedUntil: { $lt: params.now }, kind: { $in: params.kinds } })
      .sort({ lockedUntil: 1 })
      .limit(params.limit)
      .lean();
    return docs.map((doc) => toJob(doc)!);
  }

  /** Only the owner of the job's current attempt claim calls this (see OutboxDispatcher). */
  async update(id: string, changes: OutboxJobChanges): Promise<void> {
    const set: Record<string, unknown> = {};
    const unset: Record<string, 1> = {};
    for (const [field, value] of Object.entries(changes)) {
      if (value === undefined) {
        unset[field] = 1;
      } else {
        set[field] = value;
      }
    }
    await this.model.updateOne({ _id: id }, { $set: set, $unset: unset });
  }

  async countByStatus(): Promise<Record<OutboxStatus, number>> {
    const rows = await this.model.aggregate<{ _id: OutboxStatus; count: number }>([
      { $group: { _id: '$status', count: { $sum: 1 } } },
    ]);
    const counts = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<
      OutboxStatus,
      number
    >;
    for (const row of rows) {
      counts[row._id] = row.count;
    }
    return counts;
  }

  async oldestDue(now: Date): Promise<Date | undefined> {
    const doc = await this.model
      .findOne({ status: 'pending', nextAttemptAt: { $lte: now } })
      .sort({ nextAttemptAt: 1 })
      .select({ nextAttemptAt: 1 })
      .lean();
    return doc?.nextAttemptAt;
  }
}

function toJob(doc: (OutboxJobRecord & { _id: string }) | null): OutboxJob | undefined {
  if (!doc) {
    return undefined;
  }
  const { _id, kind, correlation, ...rest } = doc;
  // Stored kinds are the ones enqueue accepted; kinds unknown to this build are never executed.
  // Mongo drops empty objects, so an empty correlation comes back missing.
  return {
    id: _id,
    kind: kind as OutboxKind,
    correlation: correlation ?? {},
    ...rest,
  } as OutboxJob;
}
