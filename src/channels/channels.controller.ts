import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Auth } from '../auth/decorators/auth.decorator';
import { CurrentSeller } from '../auth/decorators/current-seller.decorator';
import type { AuthenticatedSeller } from '../auth/principal';
import { ErrorBody } from '../common/errors/error-body';
import { Idempotent } from '../common/idempotency/idempotent.decorator';
import { ChannelsService } from './channels.service';
import { ChannelDto } from './dto/channel.dto';
import { ConnectChannelDto } from './dto/connect-channel.dto';

const TELEGRAM_DOWN = { status: 502, type: ErrorBody, description: 'TELEGRAM_UNAVAILABLE' };
const BOT_OFF = { status: 503, type: ErrorBody, description: 'TELEGRAM_DISABLED' };

@ApiTags('channels')
@Controller('api/sellers/channels')
@Auth()
export class ChannelsController {
  constructor(private readonly channels: ChannelsService) {}

  @Post()
  @Idempotent()
  @ApiOperation({
    summary: 'Connect a Telegram channel or supergroup',
    description:
      'Checks through Telegram that the bot is an administrator with can_invite_users and ' +
      'can_restrict_members. A chat is connected to one seller at a time.',
  })
  @ApiResponse({ status: 201, type: ChannelDto })
  @ApiResponse({ status: 400, type: ErrorBody, description: 'VALIDATION_FAILED, UNKNOWN_FIELD' })
  @ApiResponse({ status: 409, type: ErrorBody, description: 'CHANNEL_ALREADY_CONNECTED' })
  @ApiResponse({
    status: 422,
    type: ErrorBody,
    description:
      'CHAT_NOT_FOUND, CHAT_TYPE_NOT_SUPPORTED, BOT_NOT_ADMIN, BOT_MISSING_RIGHTS (details.missingRights)',
  })
  @ApiResponse(TELEGRAM_DOWN)
  @ApiResponse(BOT_OFF)
  connect(
    @CurrentSeller() seller: AuthenticatedSeller,
    @Body() dto: ConnectChannelDto,
  ): Promise<ChannelDto> {
    return this.channels.connect(seller.id, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List connected channels' })
  @ApiResponse({ status: 200, type: ChannelDto, isArray: true })
  list(@CurrentSeller() seller: AuthenticatedSeller): Promise<ChannelDto[]> {
    return this.channels.list(seller.id);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One connected channel' })
  @ApiResponse({ status: 200, type: ChannelDto })
  @ApiResponse({ status: 404, type: ErrorBody, description: 'CHANNEL_NOT_FOUND' })
  get(@CurrentSeller() seller: AuthenticatedSeller, @Param('id') id: string): Promise<ChannelDto> {
    return this.channels.get(seller.id, id);
  }

  @Post(':id/recheck')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: "Ask Telegram again about the bot's rights in this channel" })
  @ApiResponse({ status: 200, type: ChannelDto })
  @ApiResponse({ status: 404, type: ErrorBody, description: 'CHANNEL_NOT_FOUND' })
  @ApiResponse(TELEGRAM_DOWN)
  @ApiResponse(BOT_OFF)
  recheck(
    @CurrentSeller() seller: AuthenticatedSeller,
    @Param('id') id: string,
  ): Promise<ChannelDto> {
    return this.channels.recheck(seller.id, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @Idempotent()
  @ApiOperation({
    summary: 'Disconnect a channel (kept for history; the chat can be connected again)',
  })
  @ApiResponse({ status: 204, description: 'Disconnected' })
  @ApiResponse({ status: 404, type: ErrorBody, description: 'CHANNEL_NOT_FOUND' })
  async remove(
    @CurrentSeller() seller: AuthenticatedSeller,
    @Param('id') id: string,
  ): Promise<void> {
    await this.channels.remove(seller.id, id);
  }
}
