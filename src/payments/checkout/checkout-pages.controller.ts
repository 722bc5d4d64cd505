import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { ClaimLinks } from '../claim-links';
import { PaymentRepository } from '../payment.repository';
import { cancelPage, successPage } from './checkout-pages';

const HTML_PAGE = {
  status: 200,
  description: 'An HTML page',
  content: { 'text/html': { schema: { type: 'string', example: '<!doctype html>…' } } },
};

/**
 * Where Stripe sends the buyer back (the defaults of POST /api/checkout). The success page shows
 * the claim link of a web payment without a Telegram account, but only to whoever holds the
 * Checkout Session id Stripe appends: a payment id alone is guessable, a session id is not.
 */
@ApiTags('checkout')
@SkipThrottle()
@Controller('checkout')
export class CheckoutPagesController {
  constructor(
    private readonly payments: PaymentRepository,
    private readonly claimLinks: ClaimLinks,
  ) {}

  @Get('success')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'The page Stripe returns the buyer to after paying (HTML)' })
  @ApiProduces('text/html')
  @ApiQuery({ name: 'paymentId', required: false, example: '6660a1b2c3d4e5f601234567' })
  @ApiQuery({ name: 'session_id', required: false, example: 'cs_test_a1b2c3' })
  @ApiResponse(HTML_PAGE)
  async success(
    @Query('paymentId') paymentId?: string,
    @Query('session_id') sessionId?: string,
  ): Promise<string> {
    const payment =
      typeof paymentId === 'string' ? await this.payments.findAnywhere(paymentId) : undefined;
    const proven =
      payment !== undefined &&
      typeof sessionId === 'string' &&
      payment.stripe?.checkoutSessionId === sessionId;
    if (!payment || !proven) {
      return successPage({});
    }
    const unclaimed = payment.claim !== undefined && payment.claim.claimedBy === undefined;
    const claimUrl = unclaimed ? this.claimLinks.urlFor(payment.id, payment.claim!) : undefined;
    return successPage({
      planName: payment.plan.name,
      status: payment.status,
      claimUrl,
      claimPending: unclaimed && !claimUrl,
    });
  }

  @Get('cancel')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiOperation({ summary: 'The page Stripe returns the buyer to after cancelling (HTML)' })
  @ApiProduces('text/html')
  @ApiResponse(HTML_PAGE)
  cancel(): string {
    return cancelPage();
  }
}
