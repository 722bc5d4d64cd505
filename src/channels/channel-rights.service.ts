import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { Clock } from '../common/clock/clock';
import { ChannelRightsAlertRepository } from './channel-rights-alert.repository';
import { ChannelRightsCheckRepository, RightsCheckRecord } from './channel-rights-check.repository';
import { ChannelEvents, ChannelRightsLostEvent } from './channel.events';
import type { ChannelRecord } from './channel.repository';
import type { RightsCheckSource } from './schemas/channel-rights-check.schema';

export interface RightsObservation {
  ok: boolean;
  botStatus: string;
  missingRights: string[];
  source: RightsCheckSource;
  title?: string;
}

/**
 * The bot's rights in connected channels, as an append-only ledger of observations (connect,
 * recheck, Telegram's my_chat_member updates). A transition from good to lost is announced once
 * as `channel.rights_lost`: the announcement is claimed by inserting an alert keyed by the last
 * good observation, so concurrent observers of the same loss do not announce it twice.
 */
@Injectable()
export class ChannelRightsService {
  private readonly logger = new Logger(ChannelRightsService.name);

  constructor(
    private readonly checks: ChannelRightsCheckRepository,
    private readonly alerts: ChannelRightsAlertRepository,
    private readonly events: EventEmitter2,
    private readonly clock: Clock,
  ) {}

  async observe(
    channel: ChannelRecord,
    observation: RightsObservation,
  ): Promise<RightsCheckRecord> {
    const previous = await this.checks.latest(channel.sellerId, channel.id);
    const check = await this.checks.record({
      sellerId: channel.sellerId,
      channelId: channel.id,
      ok: observation.ok,
      botStatus: observation.botStatus,
      missingRights: observation.missingRights,
      source: observation.source,
      title: observation.title ?? null,
      observedAt: this.clock.now(),
    });
    if (!check.ok && (previous === undefined || previous.ok)) {
      await this.announceLoss(channel, check, previous);
    }
    return check;
  }

  latest(sellerId: string, channelId: string): Promise<RightsCheckRecord | undefined> {
    return this.checks.latest(sellerId, channelId);
  }

  latestOfEach(sellerId: string, channelIds: string[]): Promise<Map<string, RightsCheckRecord>> {
    return this.checks.latestOfEach(sellerId, channelIds);
  }

  private async announceLoss(
    channel: ChannelRecord,
    check: RightsCheckRecord,
    lastGood: RightsCheckRecord | undefined,
  ): Promise<void> {
    const alertId = `${channel.id}:${lastGood?.id ?? 'initial'}`;
    const claimed = await this.alerts.claim({
      _id: alertId,
      sellerId: channel.sellerId,
      channelId: channel.id,
      createdAt: check.observedAt,
    });
    if (!claimed) {
      return;
    }
    const event: ChannelRightsLostEvent = {
      eventId: alertId,
      sellerId: channel.sellerId,
      channelId: channel.id,
      chatId: channel.chatId,
      title: check.title ?? channel.title,
      botStatus: check.botStatus,
      missingRights: check.missingRights,
      at: check.observedAt,
    };
    try {
      await this.events.emitAsync(ChannelEvents.RightsLost, event);
    } catch (error) {
      // Give the claim back: whoever observes this loss next (a re-delivered update) announces it.
      await this.alerts.release(channel.sellerId, alertId);
      throw error;
    }
    this.logger.log(`Bot lost rights in channel ${channel.id} (${check.missingRights.join(', ')})`);
  }
}
