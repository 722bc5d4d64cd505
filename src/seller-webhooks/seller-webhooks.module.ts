import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DnsHostResolver, HostResolver } from './host-resolver';
import { WebhookEndpoint, WebhookEndpointSchema } from './schemas/webhook-endpoint.schema';
import { SellerWebhooksController } from './seller-webhooks.controller';
import { SellerWebhooksService } from './seller-webhooks.service';
import { WebhookEndpointRepository } from './webhook-endpoint.repository';
import { WebhookUrlPolicy } from './webhook-url.policy';

/**
 * Sellers' webhook endpoints (CRUD and secrets). Deliveries come later and use
 * `listActiveEndpointsFor` and `WebhookUrlPolicy.assertDeliverable`.
 */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: WebhookEndpoint.name, schema: WebhookEndpointSchema }]),
  ],
  controllers: [SellerWebhooksController],
  providers: [
    WebhookEndpointRepository,
    SellerWebhooksService,
    WebhookUrlPolicy,
    { provide: HostResolver, useClass: DnsHostResolver },
  ],
  exports: [SellerWebhooksService, WebhookUrlPolicy],
})
export class SellerWebhooksModule {}
