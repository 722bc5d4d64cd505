import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { insertOnce } from './insert-once';
import { AccessRemoval, RemovalStatus } from './schemas/access-removal.schema';

export type AccessRemovalRecord = AccessRemoval;

@Injectable()
export class AccessRemovalRepository {
  constructor(@InjectModel(AccessRemoval.name) private readonly model: Model<AccessRemoval>) {}

  insertOnce(removal: AccessRemoval): Promise<{ doc: AccessRemovalRecord; created: boolean }> {
    return insertOnce(this.model, removal);
  }

  async findById(id: string): Promise<AccessRemovalRecord | undefined> {
    return (await this.model.findById(id).lean()) ?? undefined;
  }

  /** Written by the owner of the removal's outbox attempt only. */
  async finish(
    id: string,
    params: { status: Exclude<RemovalStatus, 'pending'>; note?: string; at: Date },
  ): Promise<void> {
    await this.model.updateOne(
      { _id: id },
      {
        $set: {
          status: params.status,
          finishedAt: params.at,
          ...(params.note ? { note: params.note } : {}),
        },
      },
    );
  }

  /** Finished removals of strangers are kept a while for support, then forgotten. */
  async deleteFinishedStrangersBefore(before: Date): Promise<number> {
    const { deletedCount } = await this.model.deleteMany({
      status: { $ne: 'pending' },
      createdAt: { $lt: before },
    });
    return deletedCount;
  }
}
