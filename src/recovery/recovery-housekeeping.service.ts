import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { AlertHousekeepingService } from '../alerts/alert-housekeeping.service';
import { Clock } from '../common/clock/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { JobSchedulerService } from '../leases/job-scheduler.service';
import { DeliveryWatchRepository } from './delivery-watch.repository';
import { RecoveryAttemptRepository } from './recovery-attempt.repository';

const DAY_MS = 24 * 3_600_000;
/** One `$in` never carries more ids than this. */
const SLICE = 500;

/**
 * Daily purge of the recovery's records (no TTL indexes on FerretDB). A watch goes once its
 * payment was delivered and paid more than HOUSEKEEPING_RETENTION_DAYS ago; an undelivered one
 * stays on the admin's list however old. Attempts go with their watch: those of payments no
 * longer watched, once one of them is past the retention. Also tells the alert purge which
 * `recovery_exhausted` alerts are still open (their payment is still undelivered).
 */
@Injectable()
export class RecoveryHousekeepingService implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly watches: DeliveryWatchRepository,
    private readonly attempts: RecoveryAttemptRepository,
    private readonly alertHousekeeping: AlertHousekeepingService,
    private readonly scheduler: JobSchedulerService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.alertHousekeeping.registerOpenCheck('recovery_exhausted', (paymentIds) =>
      this.undelivered(paymentIds),
    );
    this.scheduler.register({
      name: 'recovery.purge',
      cron: '25 3 * * *',
      run: () => this.purge(),
    });
  }

  async purge(): Promise<{ watches: number; attempts: number }> {
    const before = new Date(
      this.clock.now().getTime() - this.config.housekeeping.retentionDays * DAY_MS,
    );
    const watches = await this.watches.deleteDeliveredPaidBefore(before);
    const candidates = await this.attempts.paymentIdsWithAttemptsBefore(before);
    let attempts = 0;
    for (let i = 0; i < candidates.length; i += SLICE) {
      const slice = candidates.slice(i, i + SLICE);
      const watched = await this.watches.watchedAmong(slice);
      attempts += await this.attempts.deleteForPayments(slice.filter((id) => !watched.has(id)));
    }
    return { watches, attempts };
  }

  private async undelivered(paymentIds: string[]): Promise<Set<string>> {
    const open = new Set<string>();
    for (let i = 0; i < paymentIds.length; i += SLICE) {
      for (const id of await this.watches.undeliveredAmong(paymentIds.slice(i, i + SLICE))) {
        open.add(id);
      }
    }
    return open;
  }
}
