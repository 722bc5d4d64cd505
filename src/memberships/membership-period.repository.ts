import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { PeriodView } from './membership.types';
import { MembershipPeriod } from './schemas/membership-period.schema';

@Injectable()
export class MembershipPeriodRepository {
  constructor(
    @InjectModel(MembershipPeriod.name) private readonly model: Model<MembershipPeriod>,
  ) {}

  /** Throws a duplicate-key error when the grant already has a period or the slot was taken. */
  async insert(period: Omit<PeriodView, 'id' | 'kind' | 'reason'>): Promise<PeriodView> {
    const doc = await this.model.create({ _id: period.grantId, ...period, kind: 'paid' });
    return toView(doc.toObject());
  }

  /** Appends a revocation at `seq`; throws a duplicate-key error when the slot was taken. */
  async insertRevocation(params: {
    membershipId: string;
    seq: number;
    at: Date;
    reason: string;
  }): Promise<PeriodView> {
    const { membershipId, seq, at, reason } = params;
    const doc = await this.model.create({
      _id: `revoked:${membershipId}:${seq}`,
      membershipId,
      seq,
      startsAt: at,
      endsAt: at,
      kind: 'revoked',
      reason,
    });
    return toView(doc.toObject());
  }

  async findByGrant(grantId: string): Promise<PeriodView | undefined> {
    const doc = await this.model.findById(grantId).lean();
    return doc ? toView(doc) : undefined;
  }

  async findLatest(membershipId: string): Promise<PeriodView | undefined> {
    const doc = await this.model.findOne({ membershipId }).sort({ seq: -1 }).lean();
    return doc ? toView(doc) : undefined;
  }

  /** The latest entry of each of these memberships' ledgers (one query for a batch). */
  async latestOf(membershipIds: string[]): Promise<Map<string, PeriodView>> {
    const latest = new Map<string, PeriodView>();
    if (membershipIds.length === 0) {
      return latest;
    }
    const docs = await this.model.find({ membershipId: { $in: membershipIds } }).lean();
    for (const doc of docs) {
      const current = latest.get(doc.membershipId);
      if (!current || doc.seq > current.seq) {
        latest.set(doc.membershipId, toView(doc));
      }
    }
    return latest;
  }

  async listFor(membershipId: string): Promise<PeriodView[]> {
    const docs = await this.model.find({ membershipId }).sort({ seq: 1 }).lean();
    return docs.map(toView);
  }

  /** Test memberships leave nothing behind once their data is erased. */
  async deleteFor(membershipId: string): Promise<void> {
    await this.model.deleteMany({ membershipId });
  }
}

function toView(doc: MembershipPeriod): PeriodView {
  return {
    id: doc._id,
    membershipId: doc.membershipId,
    seq: doc.seq,
    startsAt: doc.startsAt,
    endsAt: doc.endsAt,
    grantId: doc._id,
    kind: doc.kind ?? 'paid',
    ...(doc.reason ? { reason: doc.reason } : {}),
  };
}
