import { Body, Controller, HttpCode, Ip, Post, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RefreshRouteDocs } from '../../auth/decorators/refresh-route-docs';
import { ErrorBody } from '../../common/errors/error-body';
import { ADMIN_LOGIN } from './admin-login.constants';
import { AdminLoginService } from './admin-login.service';
import { AdminLoginDto, AdminRefreshDto, AdminTokensDto } from './dto/admin-login.dto';
import { RequestLoginAnswerDto, RequestLoginDto } from './dto/request-login.dto';
import { RetryLaterInterceptor } from './retry-later.interceptor';

const BAD_INPUT = 'VALIDATION_FAILED, UNKNOWN_FIELD, UNSAFE_INPUT, INVALID_JSON';

@ApiTags('admin')
@Controller('api/admin')
@UseInterceptors(RetryLaterInterceptor)
export class AdminAuthController {
  constructor(private readonly login: AdminLoginService) {}

  @Post('request-login')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Ask the bot to send a one-time login code to an administrator',
    description:
      `The code has ${ADMIN_LOGIN.codeDigits} digits, works once, for 5 minutes, with at most ` +
      `${ADMIN_LOGIN.triesPerCode} tries. Requests are limited to ` +
      `${ADMIN_LOGIN.requestsPerTelegramId} per 15 minutes per Telegram id and per client IP. ` +
      'The answer is the same whether or not the id belongs to an administrator.',
  })
  @ApiResponse({ status: 202, type: RequestLoginAnswerDto })
  @ApiResponse({ status: 400, type: ErrorBody, description: BAD_INPUT })
  @ApiResponse({
    status: 429,
    type: ErrorBody,
    description: 'LOGIN_REQUESTS_THROTTLED (see Retry-After)',
  })
  async requestLogin(
    @Body() dto: RequestLoginDto,
    @Ip() ip: string,
  ): Promise<RequestLoginAnswerDto> {
    await this.login.requestCode({ telegramId: dto.telegramId, ip });
    return { sent: true, expiresInSeconds: ADMIN_LOGIN.codeTtlMs / 1000 };
  }

  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Log in with the code: an admin access token (15 min) and a refresh token',
  })
  @ApiResponse({ status: 200, type: AdminTokensDto })
  @ApiResponse({ status: 400, type: ErrorBody, description: BAD_INPUT })
  @ApiResponse({
    status: 401,
    type: ErrorBody,
    description: 'INVALID_CODE (details.attemptsLeft when a code is live)',
  })
  @ApiResponse({
    status: 429,
    type: ErrorBody,
    description: 'CODE_ATTEMPTS_EXCEEDED (see Retry-After): request a new code',
  })
  logIn(@Body() dto: AdminLoginDto): Promise<AdminTokensDto> {
    return this.login.login({ telegramId: dto.telegramId, code: dto.code });
  }

  @Post('refresh')
  @HttpCode(200)
  @RefreshRouteDocs({
    summary: 'Trade an admin refresh token for a new pair',
    description:
      'Each refresh token works once; presenting a used one ends every session of that login.',
    type: AdminTokensDto,
    forbidden: 'NOT_AN_ADMIN',
  })
  refresh(@Body() dto: AdminRefreshDto): Promise<AdminTokensDto> {
    return this.login.refresh(dto.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'End the admin session a refresh token belongs to (always 204)' })
  @ApiResponse({ status: 204, description: 'Logged out' })
  @ApiResponse({ status: 400, type: ErrorBody, description: BAD_INPUT })
  async logout(@Body() dto: AdminRefreshDto): Promise<void> {
    await this.login.logout(dto.refreshToken);
  }
}
