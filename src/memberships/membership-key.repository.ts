import { isDuplicateKeyError } from '@app/common';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { MembershipKey } from './schemas/membership-key.schema';

@Injectable()
export class MembershipKeyRepository {
  constructor(@InjectModel(MembershipKey.name) private readonly model: Model<MembershipKey>) {}

  /** The membership id the key names: ours when this insert won, else the one already there. */
  async claim(key: string, membershipId: string): Promise<{ membershipId: string; won: boolean }> {
    try {
      await this.model.create({ _id: key, membershipId });
      return { membershipId, won: true };
    } catch (error) {
      if (!isDuplicateKeyError(error)) {
        throw error;
      }
      const existing = await this.find(key);
      if (existing === undefined) {
        throw error;
      }
      return { membershipId: existing, won: false };
    }
  }

  async find(key: string): Promise<string | undefined> {
    const doc = await this.model.findById(key).lean();
    return doc?.membershipId;
  }

  async isEmpty(): Promise<boolean> {
    return (await this.model.estimatedDocumentCount()) === 0;
  }

  /** Keys for memberships that have none; existing keys are left as they are. */
  async insertMissing(entries: Array<{ key: string; membershipId: string }>): Promise<void> {
    if (entries.length === 0) {
      return;
    }
    const docs = entries.map((e) => ({ _id: e.key, membershipId: e.membershipId }));
    await this.model.insertMany(docs, { ordered: false }).catch((error: unknown) => {
      if (!isDuplicateKeyError(error)) {
        throw error;
      }
    });
  }

  /** The key holds a Telegram id: it goes with the membership's personal data. */
  async delete(key: string): Promise<void> {
    await this.model.deleteOne({ _id: key });
  }
}
