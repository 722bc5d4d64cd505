import { Controller, Get, Header, Logger, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Response } from 'express';
import { AppException } from '../../common/errors/app.exception';
import { BotCheckoutLinks } from '../bot/bot-checkout-links';
import { ClaimLinks } from '../claim-links';
import { PaymentRepository } from '../payment.repository';
import { cancelPage, escapeHtml, page, successPage } from './checkout-pages';
import { CheckoutService } from './checkout.service';

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
  private readonly logger = new Logger(CheckoutPagesController.name);

  constructor(
    private readonly payments: PaymentRepository,
    private readonly claimLinks: ClaimLinks,
    private readonly botLinks: BotCheckoutLinks,
    private readonly checkout: CheckoutService,
  ) {}

  @Get('bot')
  // Each click opens a Stripe session: this one page stays under the global rate limit.
  @SkipThrottle({ default: false })
  @ApiOperation({
    summary: 'The bot’s “Pay by card” link: opens a Stripe Checkout for that Telegram account',
    description: 'Signed and expiring (made by the bot); answers 303 to Stripe, or an HTML page.',
  })
  @ApiQuery({ name: 'plan', example: '665f1c2e8b3e4a0012345679' })
  @ApiQuery({ name: 'tg', example: '123456789' })
  @ApiQuery({ name: 'exp', example: '1767225600' })
  @ApiQuery({ name: 'sig', example: 'mZQ0x8Q4…' })
  @ApiResponse({ status: 303, description: 'To the Stripe Checkout page' })
  @ApiResponse({ ...HTML_PAGE, status: 400, description: 'The link is not valid any more' })
  async fromBot(@Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const link = this.botLinks.verify(query);
    if (!link) {
      res
        .status(400)
        .type('html')
        .send(page('Link expired', '<p>Open the plan link in the bot again to pay.</p>'));
      return;
    }
    try {
      const result = await this.checkout.start({ ...link, provider: 'stripe' });
      res.redirect(303, result.checkoutUrl);
    } catch (error) {
      const known = error instanceof AppException;
      if (!known) {
        this.logger.error(`Card checkout from the bot failed: ${(error as Error).message}`);
      }
      res
        .status(known ? error.getStatus() : 500)
        .type('html')
        .send(
          page(
            'Payment not started',
            `<p>${escapeHtml(known ? error.message : 'Something went wrong; please try again.')}</p>`,
          ),
        );
    }
  }

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
