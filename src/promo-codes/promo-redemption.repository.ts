import { isDuplicateKeyError } from '@app/common';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { PromoRedemption } from './schemas/promo-redemption.schema';

const redemptionId = (promoCodeId: string, paymentId: string): string =>
  `${promoCodeId}:${paymentId}`;

@Injectable()
export class PromoRedemptionRepository {
  constructor(@InjectModel(PromoRedemption.name) private readonly model: Model<PromoRedemption>) {}

  /**
   * Takes a slot for the payment: true when it holds one (now or from an earlier call), false
   * when every slot up to `maxRedemptions` is taken. Starts after the slots already counted, then
   * wraps round to fill slots that unpaid checkouts gave back.
   */
  async redeem(params: {
    promoCodeId: string;
    sellerId: string;
    paymentId: string;
    maxRedemptions: number | null;
    at: Date;
  }): Promise<boolean> {
    const { promoCodeId, paymentId, maxRedemptions } = params;
    const _id = redemptionId(promoCodeId, paymentId);
    const base = { _id, promoCodeId, sellerId: params.sellerId, paymentId, createdAt: params.at };
    if (maxRedemptions === null) {
      return this.insert({ ...base, slot: `payment:${paymentId}` });
    }
    const used = await this.count(promoCodeId);
    const order = slotOrder(used, maxRedemptions);
    for (const slot of order) {
      if (await this.insert({ ...base, slot: String(slot) })) {
        return true;
      }
      // FerretDB does not say which key collided: is it our own earlier redemption?
      if ((await this.model.exists({ _id })) !== null) {
        return true;
      }
    }
    return false;
  }

  /** Gives the payment's slot back (deleteOne is atomic on both engines). */
  async release(promoCodeId: string, paymentId: string): Promise<void> {
    await this.model.deleteOne({ _id: redemptionId(promoCodeId, paymentId) });
  }

  count(promoCodeId: string): Promise<number> {
    return this.model.countDocuments({ promoCodeId });
  }

  /** Redemption counts of several codes (one `$group` accumulator: FerretDB). */
  async countMany(promoCodeIds: string[]): Promise<Map<string, number>> {
    if (promoCodeIds.length === 0) {
      return new Map();
    }
    const rows = await this.model.aggregate<{ _id: string; n: number }>([
      { $match: { promoCodeId: { $in: promoCodeIds } } },
      { $group: { _id: '$promoCodeId', n: { $sum: 1 } } },
    ]);
    return new Map(rows.map((row) => [row._id, row.n]));
  }

  private async insert(doc: PromoRedemption): Promise<boolean> {
    try {
      await this.model.create(doc);
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) {
        return false;
      }
      throw error;
    }
  }
}

/** Slots used+1..max first (the likely free ones), then 1..used (holes left by releases). */
export function slotOrder(used: number, max: number): number[] {
  const start = Math.min(used, max);
  const after = Array.from({ length: max - start }, (_, i) => start + i + 1);
  const before = Array.from({ length: start }, (_, i) => i + 1);
  return [...after, ...before];
}
