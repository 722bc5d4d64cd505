import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentSeller } from '../../auth/decorators/current-seller.decorator';
import type { AuthenticatedSeller } from '../../auth/principal';
import { ErrorBody } from '../../common/errors/error-body';
import { SellersService } from '../../sellers/sellers.service';
import { AdminOnly } from '../common/admin-only.decorator';
import { AdminSellerDto } from './dto/admin-seller.dto';
import { DisableSellerDto } from './dto/disable-seller.dto';

const SELLER_ID = { name: 'sellerId', example: '665f1c2e8b3e4a0012345678' };
const NOT_FOUND = { status: 404, type: ErrorBody, description: 'SELLER_NOT_FOUND' };

@ApiTags('admin')
@Controller('api/admin/sellers')
@AdminOnly()
export class AdminSellersController {
  constructor(private readonly sellers: SellersService) {}

  @Get(':sellerId')
  @ApiOperation({ summary: 'One seller account, with whether it is disabled' })
  @ApiParam(SELLER_ID)
  @ApiResponse({ status: 200, type: AdminSellerDto })
  @ApiResponse(NOT_FOUND)
  get(@Param('sellerId') sellerId: string): Promise<AdminSellerDto> {
    return this.sellers.getForAdmin(sellerId);
  }

  @Post(':sellerId/disable')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Disable a seller account',
    description:
      'At once: its API keys are revoked, every session ends, and its access tokens stop ' +
      'working (403 ACCOUNT_DISABLED); logging in is refused. Idempotent: disabling a disabled ' +
      'account keeps the first decision. Buyers’ existing memberships are not touched.',
  })
  @ApiParam(SELLER_ID)
  @ApiResponse({ status: 200, type: AdminSellerDto })
  @ApiResponse({ status: 400, type: ErrorBody, description: 'VALIDATION_FAILED, UNKNOWN_FIELD' })
  @ApiResponse(NOT_FOUND)
  disable(
    @CurrentSeller() admin: AuthenticatedSeller,
    @Param('sellerId') sellerId: string,
    @Body() dto: DisableSellerDto,
  ): Promise<AdminSellerDto> {
    return this.sellers.disable({ sellerId, by: admin.id, reason: dto.reason });
  }

  @Post(':sellerId/enable')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Enable a disabled seller account again (idempotent)',
    description: 'The seller logs in afresh and makes new API keys: the revoked ones stay revoked.',
  })
  @ApiParam(SELLER_ID)
  @ApiResponse({ status: 200, type: AdminSellerDto })
  @ApiResponse(NOT_FOUND)
  enable(@Param('sellerId') sellerId: string): Promise<AdminSellerDto> {
    return this.sellers.enable(sellerId);
  }
}
