import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Auth } from '../auth/decorators/auth.decorator';
import { CurrentSeller } from '../auth/decorators/current-seller.decorator';
import type { AuthenticatedSeller } from '../auth/principal';
import { ErrorBody } from '../common/errors/error-body';
import { Idempotent } from '../common/idempotency/idempotent.decorator';
import { PaymentSettingsDto } from './dto/payment-settings.dto';
import { PutPaymentSettingsDto } from './dto/put-payment-settings.dto';
import { PaymentSettingsService } from './payment-settings.service';

@ApiTags('payment-settings')
@Controller('api/sellers/payment-settings')
@Auth()
export class PaymentSettingsController {
  constructor(private readonly settings: PaymentSettingsService) {}

  @Get()
  @ApiOperation({
    summary: 'How this seller is paid (secrets are never shown, only their last 4 characters)',
  })
  @ApiResponse({ status: 200, type: PaymentSettingsDto })
  get(@CurrentSeller() seller: AuthenticatedSeller): Promise<PaymentSettingsDto> {
    return this.settings.get(seller.id);
  }

  @Put()
  @Idempotent()
  @ApiOperation({
    summary: 'Use the platform’s Stripe account, or your own (keys stored encrypted)',
  })
  @ApiResponse({ status: 200, type: PaymentSettingsDto })
  @ApiResponse({
    status: 400,
    type: ErrorBody,
    description: 'VALIDATION_FAILED (e.g. mode=own without keys), UNKNOWN_FIELD',
  })
  put(
    @CurrentSeller() seller: AuthenticatedSeller,
    @Body() dto: PutPaymentSettingsDto,
  ): Promise<PaymentSettingsDto> {
    return this.settings.put(seller.id, dto);
  }
}
