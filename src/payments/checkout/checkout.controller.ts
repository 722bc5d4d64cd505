import { Body, Controller, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ErrorBody } from '../../common/errors/error-body';
import { CheckoutDto } from '../dto/checkout.dto';
import { CreateCheckoutDto } from '../dto/create-checkout.dto';
import { TrialService } from '../trial.service';
import { CheckoutService } from './checkout.service';

@ApiTags('checkout')
@Controller('api/checkout')
export class CheckoutController {
  constructor(
    private readonly checkout: CheckoutService,
    private readonly trials: TrialService,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Start buying a plan (public)',
    description:
      'Plans in money open a Stripe Checkout Session (on the platform’s or the seller’s own ' +
      'Stripe account); plans in XTR answer a Telegram Stars invoice link. Recurring plans ' +
      'become subscriptions. Access is granted when the provider confirms the payment.',
  })
  @ApiResponse({ status: 201, type: CheckoutDto })
  @ApiResponse({ status: 400, type: ErrorBody, description: 'VALIDATION_FAILED, UNKNOWN_FIELD' })
  @ApiResponse({ status: 403, type: ErrorBody, description: 'BUYER_BANNED' })
  @ApiResponse({ status: 404, type: ErrorBody, description: 'PLAN_NOT_AVAILABLE' })
  @ApiResponse({ status: 409, type: ErrorBody, description: 'PLAN_SOLD_OUT, NEW_CUSTOMERS_ONLY' })
  @ApiResponse({
    status: 422,
    type: ErrorBody,
    description:
      'PROVIDER_NOT_SUPPORTED, PLAN_IS_FREE, PLAN_NOT_BILLABLE, TRIAL_NOT_OFFERED, ' +
      'PROMO_CODE_INVALID, PROMO_CODE_EXPIRED, PROMO_CODE_EXHAUSTED, CHECKOUT_AMOUNT_TOO_LOW, ' +
      'STAR_SUBSCRIPTION_LINK_ONLY (the plan is sold through its Telegram subscription link)',
  })
  @ApiResponse({ status: 502, type: ErrorBody, description: 'STRIPE_ERROR, TELEGRAM_UNAVAILABLE' })
  @ApiResponse({
    status: 503,
    type: ErrorBody,
    description: 'STRIPE_NOT_CONFIGURED, TELEGRAM_DISABLED',
  })
  create(@Body() dto: CreateCheckoutDto): Promise<CheckoutDto> {
    if (dto.trial) {
      return this.trials.webLink(dto.planId);
    }
    return this.checkout.start(dto);
  }
}
