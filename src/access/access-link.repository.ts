import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { isDuplicateKeyError } from '@app/common';
import { AccessLink, AccessLinkStatus } from './schemas/access-link.schema';

export type AccessLinkRecord = AccessLink;

@Injectable()
export class AccessLinkRepository {
  constructor(@InjectModel(AccessLink.name) private readonly model: Model<AccessLink>) {}

  /**
   * Inserts the links of a delivery in one round trip; links that exist already (a repeated
   * delivery) are left as they are.
   */
  async insertManyOnce(links: AccessLink[]): Promise<void> {
    if (links.length === 0) {
      return;
    }
    try {
      await this.model.insertMany(links, { ordered: false });
    } catch (error) {
      const errors = (error as { writeErrors?: unknown[] }).writeErrors;
      const onlyDuplicates =
        isDuplicateKeyError(error) ||
        (Array.isArray(errors) && errors.length > 0 && errors.every(isDuplicateKeyError));
      if (!onlyDuplicates) {
        throw error;
      }
    }
  }

  async findById(id: string): Promise<AccessLinkRecord | undefined> {
    return (await this.model.findById(id).lean()) ?? undefined;
  }

  async findByInviteLink(
    chatId: number,
    inviteLink: string,
  ): Promise<AccessLinkRecord | undefined> {
    return (await this.model.findOne({ inviteLink, chatId }).lean()) ?? undefined;
  }

  /**
   * A delivery's links by their ids (`<deliveryId>:<chatId>`), one `_id` read each: on FerretDB
   * only `_id` equality uses an index (a filter on deliveryId, or `_id $in`, scans the collection).
   * Links not (yet) stored are left out.
   */
  async listByDelivery(
    deliveryId: string,
    chatIds: readonly number[],
  ): Promise<AccessLinkRecord[]> {
    const links = await Promise.all(
      chatIds.map((chatId) => this.findById(`${deliveryId}:${chatId}`)),
    );
    return links.filter((l): l is AccessLinkRecord => l !== undefined);
  }

  /** Links of the membership still out there unused (issued), optionally in one chat. */
  findUnused(membershipId: string, chatId?: number): Promise<AccessLinkRecord[]> {
    return this.model
      .find({ membershipId, status: 'issued', ...(chatId === undefined ? {} : { chatId }) })
      .lean();
  }

  findUnusedOf(membershipIds: string[]): Promise<AccessLinkRecord[]> {
    if (membershipIds.length === 0) {
      return Promise.resolve([]);
    }
    return this.model.find({ membershipId: { $in: membershipIds }, status: 'issued' }).lean();
  }

  listForMembership(sellerId: string, membershipId: string): Promise<AccessLinkRecord[]> {
    return this.model.find({ sellerId, membershipId }).sort({ createdAt: 1 }).lean();
  }

  /** Written by the owner of the link's `access.link` outbox attempt only. */
  async markIssued(
    id: string,
    params: { inviteLink: string; expiresAt?: Date; at: Date },
  ): Promise<void> {
    await this.model.updateOne(
      { _id: id },
      {
        $set: {
          status: 'issued',
          inviteLink: params.inviteLink,
          issuedAt: params.at,
          ...(params.expiresAt ? { expiresAt: params.expiresAt } : {}),
        },
      },
    );
  }

  async markSettled(
    id: string,
    params: { status: Extract<AccessLinkStatus, 'not_needed' | 'failed'>; note: string },
  ): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { status: params.status, note: params.note } });
  }

  async markUsed(id: string, at: Date): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { status: 'used', usedAt: at } });
  }

  /** A used link keeps saying so; an unused one becomes revoked. */
  async markRevoked(id: string, at: Date): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { revokedAt: at } });
    await this.model.updateOne({ _id: id, status: 'issued' }, { $set: { status: 'revoked' } });
  }

  async deleteForMembership(membershipId: string): Promise<number> {
    const { deletedCount } = await this.model.deleteMany({ membershipId });
    return deletedCount;
  }
}
