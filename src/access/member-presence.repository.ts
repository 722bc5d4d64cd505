import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { insertOnce } from './insert-once';
import { MemberPresence } from './schemas/member-presence.schema';

export type MemberPresenceRecord = MemberPresence;

@Injectable()
export class MemberPresenceRepository {
  constructor(@InjectModel(MemberPresence.name) private readonly model: Model<MemberPresence>) {}

  /** True when this is the first time the event is recorded (announce it then, only then). */
  async record(event: MemberPresence): Promise<boolean> {
    return (await insertOnce(this.model, event)).created;
  }

  listForMembership(membershipId: string): Promise<MemberPresenceRecord[]> {
    return this.model.find({ membershipId }).sort({ at: 1 }).lean();
  }

  async deleteForMembership(membershipId: string): Promise<void> {
    await this.model.deleteMany({ membershipId });
  }
}
