import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AccessModule } from '../access/access.module';
import { AlertsModule } from '../alerts/alerts.module';
import { MembershipsModule } from '../memberships/memberships.module';
import { OutboxModule } from '../outbox/outbox.module';
import { PaymentsModule } from '../payments/payments.module';
import { DeliveryStatusService } from './delivery-status.service';
import { DeliveryWatchRepository } from './delivery-watch.repository';
import { RecoveryActions } from './recovery-actions';
import { RecoveryAttemptRepository } from './recovery-attempt.repository';
import { RecoveryCheckExecutor } from './recovery-check.executor';
import { RecoveryHousekeepingService } from './recovery-housekeeping.service';
import { RecoveryPassService } from './recovery-pass.service';
import { RecoveryQueryService } from './recovery-query.service';
import { RecoveryWorklist } from './recovery-worklist.service';
import { RecoveryListener } from './recovery.listener';
import { RecoveryService } from './recovery.service';
import { DeliveryWatch, DeliveryWatchSchema } from './schemas/delivery-watch.schema';
import { RecoveryAttempt, RecoveryAttemptSchema } from './schemas/recovery-attempt.schema';

/**
 * Delivery recovery: every paid payment is watched until its access is delivered; what did not
 * arrive is driven again through the access domain, with attempts recorded once each, a budget
 * and back-off, and admin alerts when it gives up.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: RecoveryAttempt.name, schema: RecoveryAttemptSchema },
      { name: DeliveryWatch.name, schema: DeliveryWatchSchema },
    ]),
    OutboxModule,
    MembershipsModule,
    PaymentsModule,
    AccessModule,
    AlertsModule,
  ],
  providers: [
    RecoveryAttemptRepository,
    DeliveryWatchRepository,
    DeliveryStatusService,
    RecoveryActions,
    RecoveryWorklist,
    RecoveryService,
    RecoveryPassService,
    RecoveryQueryService,
    RecoveryListener,
    RecoveryCheckExecutor,
    RecoveryHousekeepingService,
  ],
  exports: [
    RecoveryService,
    RecoveryPassService,
    RecoveryQueryService,
    RecoveryHousekeepingService,
  ],
})
export class RecoveryModule {}
