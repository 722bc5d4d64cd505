import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { SellerOwnedRepository } from '../sellers/tenancy/seller-owned.repository';
import { ChannelRightsCheck } from './schemas/channel-rights-check.schema';

export type RightsCheckRecord = ChannelRightsCheck & { id: string };

@Injectable()
export class ChannelRightsCheckRepository extends SellerOwnedRepository<
  ChannelRightsCheck,
  RightsCheckRecord
> {
  constructor(@InjectModel(ChannelRightsCheck.name) model: Model<ChannelRightsCheck>) {
    super(model);
  }

  async record(check: ChannelRightsCheck): Promise<RightsCheckRecord> {
    const created = await this.model.create(check);
    return this.toRecord(created.toObject());
  }

  async latest(sellerId: string, channelId: string): Promise<RightsCheckRecord | undefined> {
    const doc = await this.model
      .findOne(this.scope(sellerId, { channelId }))
      .sort({ observedAt: -1, _id: -1 })
      .lean();
    return doc ? this.toRecord(doc) : undefined;
  }

  /** The latest check of each channel (a seller has a handful: one small query each). */
  async latestOfEach(
    sellerId: string,
    channelIds: string[],
  ): Promise<Map<string, RightsCheckRecord>> {
    const latest = await Promise.all(channelIds.map((id) => this.latest(sellerId, id)));
    return new Map(
      latest.filter((c) => c !== undefined).map((check) => [check.channelId, check] as const),
    );
  }

  protected toRecord(doc: ChannelRightsCheck & { _id: unknown }): RightsCheckRecord {
    return {
      id: String(doc._id),
      sellerId: doc.sellerId,
      channelId: doc.channelId,
      ok: doc.ok,
      botStatus: doc.botStatus,
      missingRights: doc.missingRights,
      source: doc.source,
      title: doc.title ?? null,
      observedAt: doc.observedAt,
    };
  }
}
