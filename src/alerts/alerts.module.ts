import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { OutboxModule } from '../outbox/outbox.module';
import { SellerWebhooksModule } from '../seller-webhooks/seller-webhooks.module';
import { AdminAlertRepository } from './admin-alert.repository';
import { AlertHousekeepingService } from './alert-housekeeping.service';
import { AlertTriggersListener } from './alert-triggers.listener';
import { AlertsService } from './alerts.service';
import { SellerWebhookAlerts } from './seller-webhook-alerts';
import { AdminAlert, AdminAlertSchema } from './schemas/admin-alert.schema';

/** Admin alerts by bot message (deduplicated per incident, budgeted per kind). */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: AdminAlert.name, schema: AdminAlertSchema }]),
    OutboxModule,
    SellerWebhooksModule,
  ],
  providers: [
    AdminAlertRepository,
    AlertsService,
    AlertTriggersListener,
    SellerWebhookAlerts,
    AlertHousekeepingService,
  ],
  exports: [AlertsService, AlertHousekeepingService],
})
export class AlertsModule {}
