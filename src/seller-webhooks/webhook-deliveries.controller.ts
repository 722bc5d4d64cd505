import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Auth } from '../auth/decorators/auth.decorator';
import { CurrentSeller } from '../auth/decorators/current-seller.decorator';
import type { AuthenticatedSeller } from '../auth/principal';
import { ErrorBody } from '../common/errors/error-body';
import { Idempotent } from '../common/idempotency/idempotent.decorator';
import { WebhookPublisher } from './delivery/webhook-publisher.service';
import { ListWebhookDeliveriesQuery } from './dto/list-webhook-deliveries.query';
import {
  WebhookDeliveryDetailDto,
  WebhookDeliveryDto,
  WebhookDeliveryPageDto,
} from './dto/webhook-delivery.dto';
import { DeliveryView, WebhookDeliveryLog } from './log/webhook-delivery-log.service';

const ENDPOINT_NOT_FOUND = {
  status: 404,
  type: ErrorBody,
  description: 'WEBHOOK_ENDPOINT_NOT_FOUND',
};
const DELIVERY_NOT_FOUND = {
  status: 404,
  type: ErrorBody,
  description: 'WEBHOOK_ENDPOINT_NOT_FOUND, WEBHOOK_DELIVERY_NOT_FOUND',
};
const DISABLED = {
  status: 409,
  type: ErrorBody,
  description: 'WEBHOOK_ENDPOINT_DISABLED: switch the endpoint on first',
};

@ApiTags('webhooks')
@Controller('api/sellers/webhooks')
@Auth()
export class WebhookDeliveriesController {
  constructor(
    private readonly log: WebhookDeliveryLog,
    private readonly publisher: WebhookPublisher,
  ) {}

  @Get(':id/deliveries')
  @ApiOperation({
    summary: "An endpoint's delivery log, newest first",
    description:
      'Each delivery is one event sent to this endpoint, with its attempts so far. Kept for ' +
      'WEBHOOK_LOG_RETENTION_DAYS (30 by default).',
  })
  @ApiResponse({ status: 200, type: WebhookDeliveryPageDto })
  @ApiResponse({ status: 400, type: ErrorBody, description: 'VALIDATION_FAILED, INVALID_CURSOR' })
  @ApiResponse(ENDPOINT_NOT_FOUND)
  list(
    @CurrentSeller() seller: AuthenticatedSeller,
    @Param('id') id: string,
    @Query() query: ListWebhookDeliveriesQuery,
  ): Promise<WebhookDeliveryPageDto> {
    return this.log.list({ sellerId: seller.id, endpointId: id, ...query });
  }

  @Get(':id/deliveries/:deliveryId')
  @ApiOperation({ summary: 'One delivery with every attempt and the body that was sent' })
  @ApiResponse({ status: 200, type: WebhookDeliveryDetailDto })
  @ApiResponse(DELIVERY_NOT_FOUND)
  get(
    @CurrentSeller() seller: AuthenticatedSeller,
    @Param('id') id: string,
    @Param('deliveryId') deliveryId: string,
  ): Promise<WebhookDeliveryDetailDto> {
    return this.log.get({ sellerId: seller.id, endpointId: id, deliveryId });
  }

  @Post(':id/deliveries/:deliveryId/resend')
  @HttpCode(202)
  @Idempotent()
  @ApiOperation({
    summary: 'Send the same event again',
    description:
      'A new delivery of the same event (same id, same body, fresh timestamp and signature) ' +
      'with its own attempts and retries. Receivers that dedupe on Membergate-Webhook-Id will ' +
      'see it as the event they already have.',
  })
  @ApiResponse({ status: 202, type: WebhookDeliveryDto, description: 'Queued' })
  @ApiResponse(DELIVERY_NOT_FOUND)
  @ApiResponse(DISABLED)
  @ApiResponse({ status: 410, type: ErrorBody, description: 'WEBHOOK_EVENT_EXPIRED' })
  async resend(
    @CurrentSeller() seller: AuthenticatedSeller,
    @Param('id') id: string,
    @Param('deliveryId') deliveryId: string,
  ): Promise<WebhookDeliveryDto> {
    const delivery = await this.publisher.resend({
      sellerId: seller.id,
      endpointId: id,
      deliveryId,
    });
    return this.queued(seller.id, id, delivery.id);
  }

  @Post(':id/test')
  @HttpCode(202)
  @Idempotent()
  @ApiOperation({
    summary: 'Send a test event (type ping) to this endpoint',
    description: 'Signed and retried like any event; follow it in the delivery log.',
  })
  @ApiResponse({ status: 202, type: WebhookDeliveryDto, description: 'Queued' })
  @ApiResponse(ENDPOINT_NOT_FOUND)
  @ApiResponse(DISABLED)
  async test(
    @CurrentSeller() seller: AuthenticatedSeller,
    @Param('id') id: string,
  ): Promise<WebhookDeliveryDto> {
    const delivery = await this.publisher.ping(seller.id, id);
    return this.queued(seller.id, id, delivery.id);
  }

  private async queued(
    sellerId: string,
    endpointId: string,
    deliveryId: string,
  ): Promise<DeliveryView> {
    const {
      event: _event,
      attemptLog: _attempts,
      ...view
    } = await this.log.get({
      sellerId,
      endpointId,
      deliveryId,
    });
    return view;
  }
}
