import { isDuplicateKeyError } from '@app/common';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { SellerOwnedRepository } from '../sellers/tenancy/seller-owned.repository';
import { PaymentSettings } from './schemas/payment-settings.schema';

export type PaymentSettingsRecord = Omit<PaymentSettings, never>;
export type PaymentSettingsFields = Omit<PaymentSettings, 'sellerId' | 'createdAt'>;
type Ciphertexts = Pick<PaymentSettings, 'stripeSecretKeyEnc' | 'stripeWebhookSecretEnc'>;

@Injectable()
export class PaymentSettingsRepository extends SellerOwnedRepository<
  PaymentSettings,
  PaymentSettingsRecord
> {
  constructor(@InjectModel(PaymentSettings.name) model: Model<PaymentSettings>) {
    super(model);
  }

  async find(sellerId: string): Promise<PaymentSettingsRecord | undefined> {
    const doc = await this.model.findOne(this.scope(sellerId)).lean();
    return doc ? this.toRecord(doc) : undefined;
  }

  /** Insert the first time (the unique sellerId decides), then plain updates by the seller. */
  async save(sellerId: string, fields: PaymentSettingsFields): Promise<PaymentSettingsRecord> {
    try {
      await this.model.create({ ...fields, sellerId, createdAt: fields.updatedAt });
    } catch (error) {
      if (!isDuplicateKeyError(error)) {
        throw error;
      }
      await this.model.updateOne(this.scope(sellerId), { $set: fields });
    }
    return (await this.find(sellerId))!;
  }

  /** Every seller's ciphertexts, for the operator's key-rotation run only. */
  async allWithSecrets(): Promise<(Ciphertexts & { sellerId: string })[]> {
    return this.model
      .find({
        $or: [{ stripeSecretKeyEnc: { $ne: null } }, { stripeWebhookSecretEnc: { $ne: null } }],
      })
      .select({ sellerId: 1, stripeSecretKeyEnc: 1, stripeWebhookSecretEnc: 1 })
      .lean();
  }

  /**
   * Swaps ciphertexts for re-encrypted ones, only if they are still the ones we read (a seller
   * who saved new keys meanwhile wins). True when the row was updated.
   */
  async replaceCiphertexts(params: {
    sellerId: string;
    expected: Ciphertexts;
    next: Ciphertexts;
  }): Promise<boolean> {
    const { matchedCount } = await this.model.updateOne(
      this.scope(params.sellerId, { ...params.expected }),
      { $set: params.next },
    );
    return matchedCount > 0;
  }

  protected toRecord(doc: PaymentSettings & { _id: unknown }): PaymentSettingsRecord {
    return {
      sellerId: doc.sellerId,
      mode: doc.mode,
      stripeSecretKeyEnc: doc.stripeSecretKeyEnc ?? null,
      stripeSecretKeyLast4: doc.stripeSecretKeyLast4 ?? null,
      stripeWebhookSecretEnc: doc.stripeWebhookSecretEnc ?? null,
      stripeWebhookSecretLast4: doc.stripeWebhookSecretLast4 ?? null,
      stripeLivemode: doc.stripeLivemode ?? null,
      createdAt: doc.createdAt,
      updatedAt: doc.updatedAt,
    };
  }
}
