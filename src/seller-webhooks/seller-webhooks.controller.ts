import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Auth } from '../auth/decorators/auth.decorator';
import { CurrentSeller } from '../auth/decorators/current-seller.decorator';
import type { AuthenticatedSeller } from '../auth/principal';
import { BAD_INPUT, errorResponse, ResourceDocs } from '../common/docs/resource-docs';
import { Idempotent } from '../common/idempotency/idempotent.decorator';
import { CreateWebhookEndpointDto } from './dto/create-webhook-endpoint.dto';
import { UpdateWebhookEndpointDto } from './dto/update-webhook-endpoint.dto';
import { WebhookEndpointDto, WebhookEndpointWithSecretDto } from './dto/webhook-endpoint.dto';
import { SellerWebhooksService } from './seller-webhooks.service';

const NOT_FOUND = 'WEBHOOK_ENDPOINT_NOT_FOUND';
const BAD_URL = errorResponse(
  422,
  'INVALID_WEBHOOK_URL (details.reason), WEBHOOK_ENDPOINT_LIMIT_REACHED',
);

@ApiTags('webhooks')
@Controller('api/sellers/webhooks')
@Auth()
export class SellerWebhooksController {
  constructor(private readonly webhooks: SellerWebhooksService) {}

  @Post()
  @Idempotent()
  @ApiOperation({ summary: 'Add an endpoint on your server for event deliveries' })
  @ApiResponse({ status: 201, type: WebhookEndpointWithSecretDto })
  @ApiResponse(BAD_INPUT)
  @ApiResponse(BAD_URL)
  create(
    @CurrentSeller() seller: AuthenticatedSeller,
    @Body() dto: CreateWebhookEndpointDto,
  ): Promise<WebhookEndpointWithSecretDto> {
    return this.webhooks.create(seller.id, dto);
  }

  @Get()
  @ResourceDocs.list({
    summary: 'List webhook endpoints (never their secrets)',
    type: WebhookEndpointDto,
  })
  list(@CurrentSeller() seller: AuthenticatedSeller): Promise<WebhookEndpointDto[]> {
    return this.webhooks.list(seller.id);
  }

  @Get(':id')
  @ResourceDocs.get({
    summary: 'One webhook endpoint',
    type: WebhookEndpointDto,
    notFound: NOT_FOUND,
  })
  get(
    @CurrentSeller() seller: AuthenticatedSeller,
    @Param('id') id: string,
  ): Promise<WebhookEndpointDto> {
    return this.webhooks.get(seller.id, id);
  }

  @Patch(':id')
  @Idempotent()
  @ResourceDocs.update({
    summary: 'Change the URL, events, description or enabled flag',
    type: WebhookEndpointDto,
    notFound: NOT_FOUND,
    errors: [BAD_URL],
  })
  update(
    @CurrentSeller() seller: AuthenticatedSeller,
    @Param('id') id: string,
    @Body() dto: UpdateWebhookEndpointDto,
  ): Promise<WebhookEndpointDto> {
    return this.webhooks.update(seller.id, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Idempotent()
  @ResourceDocs.remove({
    summary: 'Delete an endpoint: deliveries to it stop',
    notFound: NOT_FOUND,
  })
  async remove(
    @CurrentSeller() seller: AuthenticatedSeller,
    @Param('id') id: string,
  ): Promise<void> {
    await this.webhooks.remove(seller.id, id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({
    summary: 'Replace the signing secret',
    description:
      'The new secret is in this answer only. For 24 hours deliveries are signed with both the ' +
      'new and the old secret, so your server can switch over without missing any.',
  })
  @ApiResponse({ status: 200, type: WebhookEndpointWithSecretDto })
  @ApiResponse(errorResponse(404, NOT_FOUND))
  rotateSecret(
    @CurrentSeller() seller: AuthenticatedSeller,
    @Param('id') id: string,
  ): Promise<WebhookEndpointWithSecretDto> {
    return this.webhooks.rotateSecret(seller.id, id);
  }
}
