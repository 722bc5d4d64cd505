import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { insertOnce } from './insert-once';
import { AccessDelivery } from './schemas/access-delivery.schema';

export type AccessDeliveryRecord = AccessDelivery;

@Injectable()
export class AccessDeliveryRepository {
  constructor(@InjectModel(AccessDelivery.name) private readonly model: Model<AccessDelivery>) {}

  insertOnce(delivery: AccessDelivery): Promise<{ doc: AccessDeliveryRecord; created: boolean }> {
    return insertOnce(this.model, delivery);
  }

  async findById(id: string): Promise<AccessDeliveryRecord | undefined> {
    return (await this.model.findById(id).lean()) ?? undefined;
  }

  async deleteForMembership(membershipId: string): Promise<void> {
    await this.model.deleteMany({ membershipId });
  }
}
