import { isDuplicateKeyError } from '@app/common';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { ChannelRightsAlert } from './schemas/channel-rights-alert.schema';

@Injectable()
export class ChannelRightsAlertRepository {
  constructor(
    @InjectModel(ChannelRightsAlert.name) private readonly model: Model<ChannelRightsAlert>,
  ) {}

  /** True for the one caller that gets to announce this loss. */
  async claim(alert: ChannelRightsAlert): Promise<boolean> {
    try {
      await this.model.create(alert);
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) {
        return false;
      }
      throw error;
    }
  }

  /** Gives the claim back when announcing failed, so a re-delivered update announces again. */
  async release(sellerId: string, id: string): Promise<void> {
    await this.model.deleteOne({ _id: id, sellerId });
  }
}
