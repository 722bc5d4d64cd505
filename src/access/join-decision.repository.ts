import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { insertOnce } from './insert-once';
import { JoinDecision } from './schemas/join-decision.schema';

export type JoinDecisionRecord = JoinDecision;

@Injectable()
export class JoinDecisionRepository {
  constructor(@InjectModel(JoinDecision.name) private readonly model: Model<JoinDecision>) {}

  insertOnce(decision: JoinDecision): Promise<{ doc: JoinDecisionRecord; created: boolean }> {
    return insertOnce(this.model, decision);
  }

  async findById(id: string): Promise<JoinDecisionRecord | undefined> {
    return (await this.model.findById(id).lean()) ?? undefined;
  }

  async deleteForMembership(membershipId: string): Promise<void> {
    await this.model.deleteMany({ membershipId });
  }

  /** Join requests are answered within minutes; older decisions only hold personal data. */
  async deleteBefore(before: Date): Promise<number> {
    const { deletedCount } = await this.model.deleteMany({ createdAt: { $lt: before } });
    return deletedCount;
  }
}
