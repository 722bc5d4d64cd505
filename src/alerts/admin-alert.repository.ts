import { isDuplicateKeyError } from '@app/common';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import type { AlertKind } from './alert-kinds';
import { AdminAlert } from './schemas/admin-alert.schema';

export interface AlertRecord {
  id: string;
  kind: AlertKind;
  text: string;
  urgent: boolean;
  sent: boolean;
  createdAt: Date;
}

@Injectable()
export class AdminAlertRepository {
  constructor(@InjectModel(AdminAlert.name) private readonly model: Model<AdminAlert>) {}

  /** False when this incident was already recorded (someone else alerted about it). */
  async insertOnce(alert: AlertRecord): Promise<boolean> {
    const { id, ...rest } = alert;
    try {
      await this.model.create({ _id: id, ...rest });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) {
        return false;
      }
      throw error;
    }
  }

  /** Alerts recorded before `before`, oldest first (the createdAt index serves it). */
  async listCreatedBefore(before: Date): Promise<Pick<AlertRecord, 'id' | 'kind'>[]> {
    const docs = await this.model
      .find({ createdAt: { $lt: before } })
      .sort({ createdAt: 1 })
      .select({ _id: 1, kind: 1 })
      .lean();
    return docs.map((d) => ({ id: d._id, kind: d.kind }));
  }

  async deleteMany(ids: string[]): Promise<number> {
    if (ids.length === 0) {
      return 0;
    }
    const { deletedCount } = await this.model.deleteMany({ _id: { $in: ids } });
    return deletedCount;
  }

  async recent(limit: number): Promise<AlertRecord[]> {
    const docs = await this.model.find().sort({ createdAt: -1 }).limit(limit).lean();
    return docs.map(({ _id, ...rest }) => ({ id: _id, ...rest }));
  }
}
