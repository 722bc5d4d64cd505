import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Auth } from '../auth/decorators/auth.decorator';
import { CurrentSeller } from '../auth/decorators/current-seller.decorator';
import type { AuthenticatedSeller } from '../auth/principal';
import { ErrorBody } from '../common/errors/error-body';
import { Idempotent } from '../common/idempotency/idempotent.decorator';
import { ForceRemoveDto, ForceRemoveResultDto } from './dto/force-remove.dto';
import { GrantAccessDto, GrantAccessResultDto } from './dto/grant-access.dto';
import { SellerStatsDto } from './dto/stats.dto';
import { SellerAccessService } from './seller-access.service';
import { SellerStatsService } from './seller-stats.service';

const BAD_BODY = { status: 400, type: ErrorBody, description: 'VALIDATION_FAILED, UNKNOWN_FIELD' };
const BOT_OFF = { status: 503, type: ErrorBody, description: 'TELEGRAM_DISABLED' };

@ApiTags('members')
@Controller('api/sellers')
@Auth()
export class SellerAccessController {
  constructor(
    private readonly access: SellerAccessService,
    private readonly stats: SellerStatsService,
  ) {}

  @Post('grant-access')
  @Idempotent<GrantAccessDto, GrantAccessResultDto>({
    // The answer holds invite or claim links: the recipient's erasure erases it.
    concerns: ({ body }, answer) =>
      body.telegramUserId !== undefined
        ? { telegramUserId: body.telegramUserId }
        : { grantId: answer.grantId },
  })
  @ApiOperation({
    summary: 'Give someone access without a payment',
    description:
      'To a Telegram user (their invite links are sent in the bot and returned here, waiting up ' +
      'to 5 s; 202 with the job ids if they are not ready yet) or to a customer known by your ' +
      'own id (201 with a claim link to send them). A plan, or chat ids plus days.',
  })
  @ApiResponse({ status: 201, type: GrantAccessResultDto, description: 'delivered, claim_pending' })
  @ApiResponse({ status: 202, type: GrantAccessResultDto, description: 'queued' })
  @ApiResponse(BAD_BODY)
  @ApiResponse({ status: 404, type: ErrorBody, description: 'PLAN_NOT_FOUND' })
  @ApiResponse({ status: 422, type: ErrorBody, description: 'CHANNEL_NOT_FOUND' })
  async grantAccess(
    @CurrentSeller() seller: AuthenticatedSeller,
    @Body() dto: GrantAccessDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<GrantAccessResultDto> {
    const result = await this.access.grantAccess(seller.id, dto);
    res.status(result.status === 'queued' ? 202 : 201);
    return result;
  }

  @Post('force-remove')
  @HttpCode(200)
  @Idempotent<ForceRemoveDto>({
    concerns: ({ body }) => ({ telegramUserId: body.telegramUserId }),
  })
  @ApiOperation({
    summary: 'Remove a user from your channels now',
    description:
      'With a plan: that membership is revoked (removed from all its channels). With chat ids: ' +
      'memberships covering them are revoked, and the user is removed from those chats even ' +
      'without a membership. Removal is ban then unban, so they can come back by paying.',
  })
  @ApiResponse({ status: 200, type: ForceRemoveResultDto })
  @ApiResponse(BAD_BODY)
  @ApiResponse({ status: 404, type: ErrorBody, description: 'MEMBER_NOT_FOUND' })
  @ApiResponse({ status: 422, type: ErrorBody, description: 'CHANNEL_NOT_FOUND' })
  @ApiResponse(BOT_OFF)
  forceRemove(
    @CurrentSeller() seller: AuthenticatedSeller,
    @Body() dto: ForceRemoveDto,
  ): Promise<ForceRemoveResultDto> {
    return this.access.forceRemove(seller.id, dto);
  }

  @Get('stats')
  @ApiOperation({
    summary: 'Your dashboard figures',
    description:
      'Channels, members with access and in total, revenue per currency (refunds excluded), and ' +
      'the last 30 UTC days: new members and revenue per day.',
  })
  @ApiResponse({ status: 200, type: SellerStatsDto })
  getStats(@CurrentSeller() seller: AuthenticatedSeller): Promise<SellerStatsDto> {
    return this.stats.stats(seller.id);
  }
}
