import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Auth } from '../auth/decorators/auth.decorator';
import { CurrentSeller } from '../auth/decorators/current-seller.decorator';
import type { AuthenticatedSeller } from '../auth/principal';
import { BAD_INPUT, errorResponse, ResourceDocs } from '../common/docs/resource-docs';
import { Idempotent } from '../common/idempotency/idempotent.decorator';
import { CreatePromoCodeDto } from './dto/create-promo-code.dto';
import { PromoCodeDto } from './dto/promo-code.dto';
import { UpdatePromoCodeDto } from './dto/update-promo-code.dto';
import { PromoCodesService } from './promo-codes.service';

const NOT_FOUND = 'PROMO_CODE_NOT_FOUND';
const PLANS = errorResponse(422, 'PLAN_NOT_FOUND (details.planIds)');

@ApiTags('promo codes')
@Controller('api/sellers/promo-codes')
@Auth()
export class PromoCodesController {
  constructor(private readonly promoCodes: PromoCodesService) {}

  @Post()
  @Idempotent()
  @ApiOperation({
    summary: 'Create a promo code',
    description:
      'A percentage or a fixed amount off the first payment of a checkout, for some or all of ' +
      'your plans, optionally until a date and for a number of paid checkouts.',
  })
  @ApiResponse({ status: 201, type: PromoCodeDto })
  @ApiResponse(BAD_INPUT)
  @ApiResponse(errorResponse(409, 'PROMO_CODE_EXISTS'))
  @ApiResponse(PLANS)
  create(
    @CurrentSeller() seller: AuthenticatedSeller,
    @Body() dto: CreatePromoCodeDto,
  ): Promise<PromoCodeDto> {
    return this.promoCodes.create(seller.id, dto);
  }

  @Get()
  @ResourceDocs.list({
    summary: 'List promo codes, with how often each was redeemed',
    type: PromoCodeDto,
  })
  list(@CurrentSeller() seller: AuthenticatedSeller): Promise<PromoCodeDto[]> {
    return this.promoCodes.list(seller.id);
  }

  @Get(':id')
  @ResourceDocs.get({ summary: 'One promo code', type: PromoCodeDto, notFound: NOT_FOUND })
  get(
    @CurrentSeller() seller: AuthenticatedSeller,
    @Param('id') id: string,
  ): Promise<PromoCodeDto> {
    return this.promoCodes.get(seller.id, id);
  }

  @Patch(':id')
  @Idempotent()
  @ResourceDocs.update({
    summary: 'Change a promo code’s plans, expiry, usage limit or active flag',
    description: 'The discount itself cannot change: create a new code instead.',
    type: PromoCodeDto,
    notFound: NOT_FOUND,
    errors: [PLANS],
  })
  update(
    @CurrentSeller() seller: AuthenticatedSeller,
    @Param('id') id: string,
    @Body() dto: UpdatePromoCodeDto,
  ): Promise<PromoCodeDto> {
    return this.promoCodes.update(seller.id, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Idempotent()
  @ResourceDocs.remove({
    summary: 'Delete a promo code',
    description: 'It stops working at once; payments made with it keep naming it.',
    notFound: NOT_FOUND,
  })
  async remove(
    @CurrentSeller() seller: AuthenticatedSeller,
    @Param('id') id: string,
  ): Promise<void> {
    await this.promoCodes.remove(seller.id, id);
  }
}
