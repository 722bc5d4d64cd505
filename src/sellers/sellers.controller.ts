import { Body, Controller, Get, HttpCode, Ip, Patch, Post, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Auth } from '../auth/decorators/auth.decorator';
import { CurrentSeller } from '../auth/decorators/current-seller.decorator';
import { RefreshRouteDocs } from '../auth/decorators/refresh-route-docs';
import type { AuthenticatedSeller } from '../auth/principal';
import { RetryAfterInterceptor } from '../auth/retry-after.interceptor';
import { ErrorBody } from '../common/errors/error-body';
import { Idempotent } from '../common/idempotency/idempotent.decorator';
import { LoginDto } from './dto/login.dto';
import { RefreshTokenDto } from './dto/refresh-token.dto';
import { RegisterSellerDto } from './dto/register-seller.dto';
import { SellerDto } from './dto/seller.dto';
import { TokensDto } from './dto/tokens.dto';
import { UpdateSellerDto } from './dto/update-seller.dto';
import { SellersService } from './sellers.service';

const BAD_INPUT = 'VALIDATION_FAILED, UNKNOWN_FIELD, UNSAFE_INPUT, INVALID_JSON';

@ApiTags('sellers')
@Controller('api/sellers')
export class SellersController {
  constructor(private readonly sellers: SellersService) {}

  @Post('register')
  @ApiOperation({ summary: 'Create a seller account' })
  @ApiResponse({ status: 201, type: SellerDto })
  @ApiResponse({ status: 400, type: ErrorBody, description: BAD_INPUT })
  @ApiResponse({ status: 409, type: ErrorBody, description: 'EMAIL_TAKEN' })
  @ApiResponse({ status: 413, type: ErrorBody, description: 'PAYLOAD_TOO_LARGE' })
  register(@Body() dto: RegisterSellerDto): Promise<SellerDto> {
    return this.sellers.register(dto);
  }

  @Post('login')
  @HttpCode(200)
  @UseInterceptors(RetryAfterInterceptor)
  @ApiOperation({
    summary: 'Log in: an access token (15 min) and a single-use refresh token',
    description:
      'Failed attempts are limited per e-mail and per client IP; over the limit the answer is ' +
      '429 LOGIN_THROTTLED with a Retry-After header.',
  })
  @ApiResponse({ status: 200, type: TokensDto })
  @ApiResponse({ status: 400, type: ErrorBody, description: BAD_INPUT })
  @ApiResponse({ status: 401, type: ErrorBody, description: 'INVALID_CREDENTIALS' })
  @ApiResponse({ status: 403, type: ErrorBody, description: 'ACCOUNT_DISABLED' })
  @ApiResponse({ status: 429, type: ErrorBody, description: 'LOGIN_THROTTLED (see Retry-After)' })
  login(@Body() dto: LoginDto, @Ip() ip: string): Promise<TokensDto> {
    return this.sellers.login({ email: dto.email, password: dto.password, ip });
  }

  @Post('refresh')
  @HttpCode(200)
  @RefreshRouteDocs({
    summary: 'Trade a refresh token for a new pair',
    description:
      'Each refresh token works once. Presenting one that was already used ends every session ' +
      'of that login (REFRESH_TOKEN_REUSED): it was copied.',
    type: TokensDto,
    forbidden: 'ACCOUNT_DISABLED',
  })
  refresh(@Body() dto: RefreshTokenDto): Promise<TokensDto> {
    return this.sellers.refresh(dto.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({
    summary: 'End the session a refresh token belongs to',
    description: 'Always 204, also for an unknown token. Access tokens expire on their own.',
  })
  @ApiResponse({ status: 204, description: 'Logged out' })
  @ApiResponse({ status: 400, type: ErrorBody, description: BAD_INPUT })
  async logout(@Body() dto: RefreshTokenDto): Promise<void> {
    await this.sellers.logout(dto.refreshToken);
  }

  @Get('me')
  @Auth()
  @ApiOperation({ summary: 'The calling seller' })
  @ApiResponse({ status: 200, type: SellerDto })
  @ApiResponse({ status: 404, type: ErrorBody, description: 'SELLER_NOT_FOUND' })
  me(@CurrentSeller() seller: AuthenticatedSeller): Promise<SellerDto> {
    return this.sellers.get(seller.id);
  }

  @Patch('me')
  @Auth({ sessionOnly: true })
  @Idempotent()
  @ApiOperation({ summary: 'Change the name or the password (the latter ends other sessions)' })
  @ApiResponse({ status: 200, type: SellerDto })
  @ApiResponse({ status: 400, type: ErrorBody, description: BAD_INPUT })
  @ApiResponse({ status: 404, type: ErrorBody, description: 'SELLER_NOT_FOUND' })
  @ApiResponse({ status: 422, type: ErrorBody, description: 'INVALID_CURRENT_PASSWORD' })
  update(
    @CurrentSeller() seller: AuthenticatedSeller,
    @Body() dto: UpdateSellerDto,
  ): Promise<SellerDto> {
    return this.sellers.update(seller.id, dto);
  }
}
