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

  countSentSince(kind: AlertKind, since: Date): Promise<number> {
    return this.model.countDocuments({ kind, sent: true, createdAt: { $gte: since } });
  }

  async recent(limit: number): Promise<AlertRecord[]> {
    const docs = await this.model.find().sort({ createdAt: -1 }).limit(limit).lean();
    return docs.map(({ _id, ...rest }) => ({ id: _id, ...rest }));
  }
}
