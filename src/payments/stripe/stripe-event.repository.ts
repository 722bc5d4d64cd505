import { isDuplicateKeyError } from '@app/common';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { StripeEventRecord, StripeEventState } from '../schemas/stripe-event.schema';

export interface StripeEventView {
  id: string;
  eventId: string;
  scope: string;
  type: string;
  state: StripeEventState;
  attempts: number;
  outcome?: string;
  receivedAt: Date;
  claimedAt: Date;
  processedAt?: Date;
}

@Injectable()
export class StripeEventRepository {
  constructor(
    @InjectModel(StripeEventRecord.name) private readonly model: Model<StripeEventRecord>,
  ) {}

  /** Claims the event for processing; false when it was already recorded. */
  async tryRecord(params: {
    scope: string;
    eventId: string;
    type: string;
    at: Date;
  }): Promise<boolean> {
    try {
      await this.model.create({
        _id: `${params.scope}:${params.eventId}`,
        eventId: params.eventId,
        scope: params.scope,
        type: params.type,
        state: 'processing',
        attempts: 1,
        receivedAt: params.at,
        claimedAt: params.at,
      });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) {
        return false;
      }
      throw error;
    }
  }

  async find(scope: string, eventId: string): Promise<StripeEventView | undefined> {
    const doc = await this.model.findById(`${scope}:${eventId}`).lean();
    if (!doc) {
      return undefined;
    }
    const { _id, ...rest } = doc;
    return { ...rest, id: _id, state: rest.state as StripeEventState };
  }

  /** A later delivery takes over an event whose processing failed or was abandoned. */
  async takeOver(params: {
    scope: string;
    eventId: string;
    attempts: number;
    at: Date;
  }): Promise<void> {
    await this.model.updateOne(
      { _id: `${params.scope}:${params.eventId}` },
      { $set: { state: 'processing', attempts: params.attempts, claimedAt: params.at } },
    );
  }

  async markProcessed(params: {
    scope: string;
    eventId: string;
    outcome: string;
    at: Date;
  }): Promise<void> {
    await this.model.updateOne(
      { _id: `${params.scope}:${params.eventId}` },
      { $set: { state: 'processed', outcome: params.outcome, processedAt: params.at } },
    );
  }

  async markFailed(params: { scope: string; eventId: string; error: string }): Promise<void> {
    await this.model.updateOne(
      { _id: `${params.scope}:${params.eventId}` },
      { $set: { state: 'failed', lastError: params.error.slice(0, 500) } },
    );
  }
}
