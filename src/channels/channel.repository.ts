import { isDuplicateKeyError } from '@app/common';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { SellerOwnedRepository } from '../sellers/tenancy/seller-owned.repository';
import { toObjectId } from '../sellers/tenancy/object-id';
import type { ChannelChatType } from './bot-rights';
import { activeChatKey, Channel, deletedChatKey } from './schemas/channel.schema';

export interface ChannelRecord {
  id: string;
  sellerId: string;
  chatId: number;
  type: ChannelChatType;
  title: string;
  username: string | null;
  createdAt: Date;
  deletedAt: Date | null;
}

@Injectable()
export class ChannelRepository extends SellerOwnedRepository<Channel, ChannelRecord> {
  constructor(@InjectModel(Channel.name) model: Model<Channel>) {
    super(model);
  }

  /** undefined when the chat is already connected (by this seller or another). */
  async connect(
    channel: Omit<ChannelRecord, 'id' | 'deletedAt'>,
  ): Promise<ChannelRecord | undefined> {
    try {
      const created = await this.model.create({
        ...channel,
        activeChatKey: activeChatKey(channel.chatId),
        deletedAt: null,
      });
      return this.toRecord(created.toObject());
    } catch (error) {
      if (isDuplicateKeyError(error)) {
        return undefined;
      }
      throw error;
    }
  }

  findLive(sellerId: string, id: string): Promise<ChannelRecord | undefined> {
    return this.findOneById(sellerId, id, { deletedAt: null });
  }

  listLive(sellerId: string): Promise<ChannelRecord[]> {
    return this.findMany(sellerId, { deletedAt: null }, { createdAt: 1 });
  }

  /** The seller's live channels among `ids`; ids that are not well-formed simply match nothing. */
  findLiveByIds(sellerId: string, ids: string[]): Promise<ChannelRecord[]> {
    const objectIds = ids.map(toObjectId).filter((id) => id !== undefined);
    return this.findMany(sellerId, { _id: { $in: objectIds }, deletedAt: null });
  }

  /** Soft delete: keeps the record (history), frees the chat for a new connection. */
  softDelete(sellerId: string, id: string, at: Date): Promise<boolean> {
    return this.updateOneById(
      sellerId,
      id,
      { $set: { deletedAt: at, activeChatKey: deletedChatKey(id) } },
      { deletedAt: null },
    );
  }

  /**
   * The live channel of a Telegram chat, whoever owns it: for Telegram updates, which name a chat
   * and not a seller. Deliberately not seller-scoped.
   */
  async findLiveByChatId(chatId: number): Promise<ChannelRecord | undefined> {
    const doc = await this.model.findOne({ activeChatKey: activeChatKey(chatId) }).lean();
    return doc ? this.toRecord(doc) : undefined;
  }

  /**
   * Live channels across every seller, oldest first, at most `limit` (platform admins' test mode);
   * deliberately not seller-scoped. Channels grow with sellers, not with traffic.
   */
  async listAllLive(limit: number): Promise<ChannelRecord[]> {
    const docs = await this.model
      .find({ deletedAt: null })
      .sort({ createdAt: 1, _id: 1 })
      .limit(limit)
      .lean<(Channel & { _id: unknown })[]>();
    return docs.map((doc) => this.toRecord(doc));
  }

  /** Connected channels across every seller (admin statistics); deliberately not seller-scoped. */
  countAllLive(): Promise<number> {
    return this.model.countDocuments({ deletedAt: null });
  }

  protected toRecord(doc: Channel & { _id: unknown }): ChannelRecord {
    return {
      id: String(doc._id),
      sellerId: doc.sellerId,
      chatId: doc.chatId,
      type: doc.type,
      title: doc.title,
      username: doc.username ?? null,
      createdAt: doc.createdAt,
      deletedAt: doc.deletedAt ?? null,
    };
  }
}
