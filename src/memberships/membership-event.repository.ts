import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { MembershipEvent } from './schemas/membership-event.schema';

export interface MembershipEventView {
  membershipId: string;
  from: string;
  to: string;
  reason: string;
  at: Date;
}

@Injectable()
export class MembershipEventRepository {
  constructor(@InjectModel(MembershipEvent.name) private readonly model: Model<MembershipEvent>) {}

  async record(event: MembershipEventView & { sellerId: string }): Promise<void> {
    await this.model.create(event);
  }

  async recordMany(events: Array<MembershipEventView & { sellerId: string }>): Promise<void> {
    if (events.length > 0) {
      await this.model.insertMany(events);
    }
  }

  async listFor(params: {
    sellerId: string;
    membershipId: string;
  }): Promise<MembershipEventView[]> {
    return this.model
      .find(
        { sellerId: params.sellerId, membershipId: params.membershipId },
        { _id: 0, sellerId: 0 },
      )
      .sort({ at: 1 })
      .lean();
  }

  async deleteFor(membershipId: string): Promise<void> {
    await this.model.deleteMany({ membershipId });
  }
}
