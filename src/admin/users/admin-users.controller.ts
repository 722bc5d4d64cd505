import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentSeller } from '../../auth/decorators/current-seller.decorator';
import type { AuthenticatedSeller } from '../../auth/principal';
import { ErrorBody } from '../../common/errors/error-body';
import { UsersService } from '../../users/users.service';
import { AdminOnly } from '../common/admin-only.decorator';
import { TelegramIdPipe } from '../common/telegram-id.pipe';
import { BanUserDto } from './dto/ban-user.dto';
import { ListUsersQuery } from './dto/list-users.query';
import { TelegramUserDto, TelegramUserPageDto } from './dto/telegram-user.dto';

const BAD_INPUT = { status: 400, type: ErrorBody, description: 'VALIDATION_FAILED, UNKNOWN_FIELD' };
const TELEGRAM_ID = { name: 'telegramId', example: 123456789, description: 'Telegram user id' };

@ApiTags('admin')
@Controller('api/admin/users')
@AdminOnly()
export class AdminUsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({
    summary: 'Telegram users who talked to the bot, most recently seen first',
    description: 'search: an exact Telegram id, or part of the username or name.',
  })
  @ApiResponse({ status: 200, type: TelegramUserPageDto })
  @ApiResponse(BAD_INPUT)
  list(@Query() query: ListUsersQuery): Promise<TelegramUserPageDto> {
    return this.users.list({
      search: query.search,
      limit: query.limit ?? 20,
      offset: query.offset ?? 0,
    });
  }

  @Get(':telegramId')
  @ApiOperation({ summary: 'One Telegram user, with their ban state' })
  @ApiParam(TELEGRAM_ID)
  @ApiResponse({ status: 200, type: TelegramUserDto })
  @ApiResponse(BAD_INPUT)
  get(@Param('telegramId', TelegramIdPipe) telegramId: number): Promise<TelegramUserDto> {
    return this.users.get(telegramId);
  }

  @Post(':telegramId/ban')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Ban a Telegram user platform-wide',
    description:
      'The bot stops serving them (within 10 seconds on every instance) and tells them once. ' +
      'Payments check the ban before taking money. Idempotent: banning a banned user keeps the ' +
      'ban in force. An id that never wrote to the bot can be banned too.',
  })
  @ApiParam(TELEGRAM_ID)
  @ApiResponse({ status: 200, type: TelegramUserDto })
  @ApiResponse(BAD_INPUT)
  ban(
    @CurrentSeller() admin: AuthenticatedSeller,
    @Param('telegramId', TelegramIdPipe) telegramId: number,
    @Body() dto: BanUserDto,
  ): Promise<TelegramUserDto> {
    return this.users.ban({ telegramUserId: telegramId, by: admin.id, reason: dto.reason });
  }

  @Post(':telegramId/unban')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lift a platform ban (idempotent)' })
  @ApiParam(TELEGRAM_ID)
  @ApiResponse({ status: 200, type: TelegramUserDto })
  @ApiResponse(BAD_INPUT)
  unban(
    @CurrentSeller() admin: AuthenticatedSeller,
    @Param('telegramId', TelegramIdPipe) telegramId: number,
  ): Promise<TelegramUserDto> {
    return this.users.unban({ telegramUserId: telegramId, by: admin.id });
  }
}
