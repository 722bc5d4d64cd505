import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { OutboxModule } from '../outbox/outbox.module';
import { SellerWebhooksModule } from '../seller-webhooks/seller-webhooks.module';
import { AdminAlertBudgetRepository } from './admin-alert-budget.repository';
import { AdminAlertRepository } from './admin-alert.repository';
import { AlertHousekeepingService } from './alert-housekeeping.service';
import { AlertTriggersListener } from './alert-triggers.listener';
import { AlertsService } from './alerts.service';
import { SellerWebhookAlerts } from './seller-webhook-alerts';
import { AdminAlertBudget, AdminAlertBudgetSchema } from './schemas/admin-alert-budget.schema';
import { AdminAlert, AdminAlertSchema } from './schemas/admin-alert.schema';

/** Admin alerts by bot message (deduplicated per incident, budgeted per kind). */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: AdminAlert.name, schema: AdminAlertSchema },
      { name: AdminAlertBudget.name, schema: AdminAlertBudgetSchema },
    ]),
    OutboxModule,
    SellerWebhooksModule,
  ],
  providers: [
    AdminAlertRepository,
    AdminAlertBudgetRepository,
    AlertsService,
    AlertTriggersListener,
    SellerWebhookAlerts,
    AlertHousekeepingService,
  ],
  exports: [AlertsService, AlertHousekeepingService],
})
export class AlertsModule {}
