import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { JobSchedulerService } from '../leases/job-scheduler.service';
import { AdminAlertBudgetRepository } from './admin-alert-budget.repository';
import { AdminAlertRepository } from './admin-alert.repository';
import type { AlertKind } from './alert-kinds';

/** Which of these incidents (the part of an alert id after `<kind>:`) are still open. */
export type OpenIncidentCheck = (incidents: string[]) => Promise<Set<string>>;

const DAY_MS = 24 * 3_600_000;
/** Deletes go in slices, so one `$in` never carries thousands of ids. */
const SLICE = 500;

/**
 * Daily purge of admin alerts older than HOUSEKEEPING_RETENTION_DAYS (no TTL indexes on
 * FerretDB). Most kinds report an event and are history once old. A kind whose incident stays a
 * problem until someone fixes it (access paid for and never delivered) registers a check with
 * its owning domain, and its alerts are kept while the check says the incident is open: the
 * alert's id is also what stops the same incident alerting twice.
 */
@Injectable()
export class AlertHousekeepingService implements OnModuleInit {
  private readonly openChecks = new Map<AlertKind, OpenIncidentCheck>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly alerts: AdminAlertRepository,
    private readonly budgets: AdminAlertBudgetRepository,
    private readonly scheduler: JobSchedulerService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.scheduler.register({ name: 'alerts.purge', cron: '35 3 * * *', run: () => this.purge() });
  }

  registerOpenCheck(kind: AlertKind, check: OpenIncidentCheck): void {
    this.openChecks.set(kind, check);
  }

  async purge(): Promise<{ alerts: number; keptOpen: number }> {
    const before = new Date(
      this.clock.now().getTime() - this.config.housekeeping.retentionDays * DAY_MS,
    );
    const old = await this.alerts.listCreatedBefore(before);
    const purgeable: string[] = [];
    let keptOpen = 0;
    for (const [kind, ids] of groupByKind(old)) {
      const open = await this.openAmong(kind, ids);
      keptOpen += open.size;
      purgeable.push(...ids.filter((id) => !open.has(id)));
    }
    let alerts = 0;
    for (let i = 0; i < purgeable.length; i += SLICE) {
      alerts += await this.alerts.deleteMany(purgeable.slice(i, i + SLICE));
    }
    await this.budgets.deleteBefore(before);
    return { alerts, keptOpen };
  }

  /** The ids (not incidents) of this kind's alerts whose incident is still open. */
  private async openAmong(kind: AlertKind, ids: string[]): Promise<Set<string>> {
    const check = this.openChecks.get(kind);
    if (!check) {
      return new Set();
    }
    const prefix = `${kind}:`;
    const open = await check(ids.map((id) => id.slice(prefix.length)));
    return new Set([...open].map((incident) => `${prefix}${incident}`));
  }
}

function groupByKind(alerts: { id: string; kind: AlertKind }[]): Map<AlertKind, string[]> {
  const byKind = new Map<AlertKind, string[]>();
  for (const { id, kind } of alerts) {
    const ids = byKind.get(kind) ?? [];
    ids.push(id);
    byKind.set(kind, ids);
  }
  return byKind;
}
