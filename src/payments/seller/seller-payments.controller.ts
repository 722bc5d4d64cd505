import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Auth } from '../../auth/decorators/auth.decorator';
import { CurrentSeller } from '../../auth/decorators/current-seller.decorator';
import type { AuthenticatedSeller } from '../../auth/principal';
import { ErrorBody } from '../../common/errors/error-body';
import { Idempotent } from '../../common/idempotency/idempotent.decorator';
import { ListPaymentsQuery } from '../dto/list-payments.query';
import { PaymentDto, PaymentPageDto } from '../dto/payment.dto';
import { RefundPaymentDto } from '../dto/refund-payment.dto';
import { SellerPaymentsService } from './seller-payments.service';

const NOT_FOUND = { status: 404, type: ErrorBody, description: 'PAYMENT_NOT_FOUND' };

@ApiTags('payments')
@Controller('api/sellers/payments')
@Auth()
export class SellerPaymentsController {
  constructor(private readonly payments: SellerPaymentsService) {}

  @Get()
  @ApiOperation({
    summary: 'List your payments, newest first',
    description: 'Checkouts and renewals, filtered by status, provider and creation date.',
  })
  @ApiResponse({ status: 200, type: PaymentPageDto })
  @ApiResponse({ status: 400, type: ErrorBody, description: 'VALIDATION_FAILED, UNKNOWN_FIELD' })
  list(
    @CurrentSeller() seller: AuthenticatedSeller,
    @Query() query: ListPaymentsQuery,
  ): Promise<PaymentPageDto> {
    return this.payments.list(seller.id, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One payment' })
  @ApiResponse({ status: 200, type: PaymentDto })
  @ApiResponse(NOT_FOUND)
  get(@CurrentSeller() seller: AuthenticatedSeller, @Param('id') id: string): Promise<PaymentDto> {
    return this.payments.get(seller.id, id);
  }

  @Post(':id/refund')
  @HttpCode(200)
  // The answer is the payment, with its customer: their erasure erases it.
  @Idempotent({ concerns: ({ params }) => ({ paymentId: params.id }) })
  @ApiOperation({
    summary: 'Refund a payment in full and revoke its access',
    description:
      'Card payments are refunded through Stripe (a subscription is cancelled too); Stars ' +
      'payments through Telegram. The member loses access to the plan’s channels at once. ' +
      'Refunding a refunded payment answers it as it is.',
  })
  @ApiResponse({ status: 200, type: PaymentDto })
  @ApiResponse(NOT_FOUND)
  @ApiResponse({
    status: 409,
    type: ErrorBody,
    description: 'PAYMENT_NOT_REFUNDABLE, STRIPE_ACCOUNT_DISCONNECTED',
  })
  @ApiResponse({ status: 502, type: ErrorBody, description: 'STRIPE_ERROR' })
  @ApiResponse({ status: 503, type: ErrorBody, description: 'STRIPE_NOT_CONFIGURED' })
  refund(
    @CurrentSeller() seller: AuthenticatedSeller,
    @Param('id') id: string,
    @Body() dto: RefundPaymentDto,
  ): Promise<PaymentDto> {
    return this.payments.refund(seller.id, id, dto.reason);
  }
}
