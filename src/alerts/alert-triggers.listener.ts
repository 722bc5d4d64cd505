import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { ChannelEvents, ChannelRightsLostEvent } from '../channels/channel.events';
import { OutboxEvents, OutboxJobEvent } from '../outbox/outbox.events';
import { ALERT_JOB_PREFIX, AlertsService } from './alerts.service';

/**
 * Turns other domains' events into admin alerts. Listener errors are logged by the emitter and
 * never fail the emitting work (an alert is not worth re-running a Telegram update for).
 */
@Injectable()
export class AlertTriggersListener {
  constructor(private readonly alerts: AlertsService) {}

  @OnEvent(OutboxEvents.JobDead)
  async onJobDead({ job }: OutboxJobEvent): Promise<void> {
    // An alert that cannot be delivered must not alert about itself, for ever.
    if (job.idempotencyKey.startsWith(ALERT_JOB_PREFIX)) {
      return;
    }
    await this.alerts.raise({
      kind: 'outbox_job_dead',
      // A job retried by an admin and dead again is a new incident (its attempt number moved on).
      incident: `${job.id}:${job.attempts}`,
      text:
        `Outbox job ${job.kind} "${job.idempotencyKey}" is dead after ${job.failures} failed ` +
        `attempts. Last error: ${job.lastError ?? 'unknown'}`,
    });
  }

  @OnEvent(ChannelEvents.RightsLost)
  async onRightsLost(event: ChannelRightsLostEvent): Promise<void> {
    const missing = event.missingRights.length > 0 ? event.missingRights.join(', ') : 'none';
    await this.alerts.raise({
      kind: 'channel_rights_lost',
      incident: event.eventId,
      text:
        `The bot lost its rights in "${event.title}" (chat ${event.chatId}, seller ` +
        `${event.sellerId}): it is ${event.botStatus}, missing rights: ${missing}. ` +
        'Invites and removals there fail until the seller fixes it.',
    });
  }
}
