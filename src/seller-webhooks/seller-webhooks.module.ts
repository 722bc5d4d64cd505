import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { NotificationsModule } from '../notifications/notifications.module';
import { OutboxModule } from '../outbox/outbox.module';
import { SellersModule } from '../sellers/sellers.module';
import { EndpointDisabledNotifier } from './delivery/endpoint-disabled.notifier';
import { EndpointHealthService } from './delivery/endpoint-health.service';
import { WebhookDeliveryExecutor } from './delivery/webhook-delivery.executor';
import { NodeWebhookHttpClient, WebhookHttpClient } from './delivery/webhook-http.client';
import { WebhookPublisher } from './delivery/webhook-publisher.service';
import { DomainEventsListener } from './events/domain-events.listener';
import { DnsHostResolver, HostResolver } from './host-resolver';
import { WebhookDeliveryLog } from './log/webhook-delivery-log.service';
import { WebhookErasure } from './log/webhook-erasure.service';
import { WebhookLogRetention } from './log/webhook-log-retention.service';
import { WebhookAttemptRecord, WebhookAttemptSchema } from './schemas/webhook-attempt.schema';
import { WebhookDeliveryRecord, WebhookDeliverySchema } from './schemas/webhook-delivery.schema';
import {
  WebhookDisablementRecord,
  WebhookDisablementSchema,
} from './schemas/webhook-disablement.schema';
import { WebhookEndpoint, WebhookEndpointSchema } from './schemas/webhook-endpoint.schema';
import { WebhookEventRecord, WebhookEventSchema } from './schemas/webhook-event.schema';
import { SellerWebhooksController } from './seller-webhooks.controller';
import { SellerWebhooksService } from './seller-webhooks.service';
import { WebhookAttemptRepository } from './webhook-attempt.repository';
import { WebhookDeliveriesController } from './webhook-deliveries.controller';
import { WebhookDeliveryRepository } from './webhook-delivery.repository';
import { WebhookDisablementRepository } from './webhook-disablement.repository';
import { WebhookEndpointRepository } from './webhook-endpoint.repository';
import { WebhookEventRepository } from './webhook-event.repository';
import { WebhookUrlPolicy } from './webhook-url.policy';

/**
 * Sellers' webhooks: endpoints (CRUD, secrets), and the delivery of signed events to them.
 * Domain events become stored webhook events (DomainEventsListener → WebhookPublisher), each
 * delivered per endpoint by the outbox kind `webhook.deliver` (WebhookDeliveryExecutor) on its
 * own retry schedule; the delivery log and resends are in WebhookDeliveriesController.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: WebhookEndpoint.name, schema: WebhookEndpointSchema },
      { name: WebhookEventRecord.name, schema: WebhookEventSchema },
      { name: WebhookDeliveryRecord.name, schema: WebhookDeliverySchema },
      { name: WebhookAttemptRecord.name, schema: WebhookAttemptSchema },
      { name: WebhookDisablementRecord.name, schema: WebhookDisablementSchema },
    ]),
    OutboxModule,
    SellersModule,
    NotificationsModule,
  ],
  controllers: [SellerWebhooksController, WebhookDeliveriesController],
  providers: [
    WebhookEndpointRepository,
    WebhookEventRepository,
    WebhookDeliveryRepository,
    WebhookAttemptRepository,
    WebhookDisablementRepository,
    SellerWebhooksService,
    WebhookUrlPolicy,
    { provide: HostResolver, useClass: DnsHostResolver },
    { provide: WebhookHttpClient, useClass: NodeWebhookHttpClient },
    WebhookPublisher,
    WebhookDeliveryExecutor,
    EndpointHealthService,
    EndpointDisabledNotifier,
    DomainEventsListener,
    WebhookDeliveryLog,
    WebhookLogRetention,
    WebhookErasure,
  ],
  exports: [SellerWebhooksService, WebhookUrlPolicy, WebhookPublisher, EndpointHealthService],
})
export class SellerWebhooksModule {}
