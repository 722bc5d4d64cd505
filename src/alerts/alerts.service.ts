import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { OutboxService } from '../outbox/outbox.service';
import { AdminAlertBudgetRepository } from './admin-alert-budget.repository';
import { AdminAlertRepository, AlertRecord } from './admin-alert.repository';
import { AlertKind, ALERTS_PER_KIND_PER_HOUR } from './alert-kinds';

const HOUR_MS = 3_600_000;
/** Outbox keys of alert messages start with this, so a dead alert never alerts about itself. */
export const ALERT_JOB_PREFIX = 'alert:';

export interface RaiseAlert {
  kind: AlertKind;
  /** Names the incident: the same key never alerts twice. */
  incident: string;
  text: string;
  urgent?: boolean;
}

export type RaiseOutcome = 'sent' | 'duplicate' | 'suppressed';

/**
 * Bot messages to every ADMIN_TELEGRAM_IDS chat, through the outbox. Each incident is recorded
 * once (unique key), and each kind has an hourly budget; past it, incidents are still recorded
 * (and listed) but only one "more suppressed" message goes out for the rest of that hour.
 */
@Injectable()
export class AlertsService {
  private readonly logger = new Logger('Alerts');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly alerts: AdminAlertRepository,
    private readonly budgets: AdminAlertBudgetRepository,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async raise(alert: RaiseAlert): Promise<RaiseOutcome> {
    const now = this.clock.now();
    const hourStart = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
    // Taken before the record is written, so a duplicate incident (rare: a restart, two instances)
    // spends a unit; the budget is never overspent, which a count of sent alerts allowed.
    const withinBudget =
      (await this.budgets.take(alert.kind, hourStart)) <= ALERTS_PER_KIND_PER_HOUR;
    const record: AlertRecord = {
      id: `${alert.kind}:${alert.incident}`,
      kind: alert.kind,
      text: alert.text,
      urgent: alert.urgent ?? false,
      sent: withinBudget,
      createdAt: now,
    };
    if (!(await this.alerts.insertOnce(record))) {
      return 'duplicate';
    }
    this.logger.warn({ alert: record.id, urgent: record.urgent }, alert.text);
    if (withinBudget) {
      await this.send(record.id, format(record));
      return 'sent';
    }
    // The budget's overflow notice is itself an incident: once per kind and hour.
    const overflow = `${alert.kind}:suppressed:${hourStart.toISOString()}`;
    await this.send(
      overflow,
      `More "${alert.kind}" alerts this hour are not sent one by one (limit ` +
        `${ALERTS_PER_KIND_PER_HOUR}/hour); they are recorded. Check the admin API.`,
    );
    return 'suppressed';
  }

  recent(limit = 50): Promise<AlertRecord[]> {
    return this.alerts.recent(limit);
  }

  private async send(incidentId: string, text: string): Promise<void> {
    for (const adminId of this.config.telegram.adminIds) {
      await this.outbox.enqueue({
        kind: 'sendMessage',
        payload: { chatId: adminId, text, disableLinkPreview: true },
        idempotencyKey: `${ALERT_JOB_PREFIX}${incidentId}:${adminId}`,
      });
    }
  }
}

function format(alert: AlertRecord): string {
  return `${alert.urgent ? '🚨 URGENT — ' : '⚠️ '}${alert.text}`;
}
