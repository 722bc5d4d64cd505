import { Controller, Headers, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { RawBodyRequest } from '../../common/http/json-body.middleware';
import { StripeWebhookService, WebhookAnswer } from './stripe-webhook.service';

/**
 * Where Stripe delivers events: the platform account's endpoint, and one per seller with their own
 * Stripe account (the URL their payment settings show). Called by Stripe only, so hidden from the
 * API docs; never throttled (Stripe retries, and a burst of renewals is normal).
 */
@ApiExcludeController()
@SkipThrottle()
@Controller('api/payments/webhook')
export class StripeWebhookController {
  constructor(private readonly webhooks: StripeWebhookService) {}

  @Post()
  @HttpCode(200)
  platform(
    @Req() request: RawBodyRequest,
    @Headers('stripe-signature') signature: string | undefined,
  ): Promise<WebhookAnswer> {
    return this.webhooks.receivePlatform(request.rawBody, signature);
  }

  @Post(':sellerId')
  @HttpCode(200)
  seller(
    @Param('sellerId') sellerId: string,
    @Req() request: RawBodyRequest,
    @Headers('stripe-signature') signature: string | undefined,
  ): Promise<WebhookAnswer> {
    return this.webhooks.receiveForSeller(sellerId, request.rawBody, signature);
  }
}
