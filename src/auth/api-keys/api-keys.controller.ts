import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Idempotent } from '../../common/idempotency/idempotent.decorator';
import { ErrorBody } from '../../common/errors/error-body';
import { Auth } from '../decorators/auth.decorator';
import { CurrentSeller } from '../decorators/current-seller.decorator';
import type { AuthenticatedSeller } from '../principal';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyDto, CreatedApiKeyDto } from './dto/api-key.dto';
import { CreateApiKeyDto } from './dto/create-api-key.dto';

/** Key management needs a logged-in session: a leaked key must not be able to mint more keys. */
@ApiTags('api-keys')
@Controller('api/sellers/api-keys')
@Auth({ sessionOnly: true })
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  @Idempotent()
  @ApiOperation({ summary: 'Create an API key (the key is in this answer only)' })
  @ApiResponse({ status: 201, type: CreatedApiKeyDto })
  @ApiResponse({ status: 400, type: ErrorBody, description: 'VALIDATION_FAILED, UNKNOWN_FIELD' })
  @ApiResponse({ status: 422, type: ErrorBody, description: 'API_KEY_LIMIT_REACHED' })
  create(
    @CurrentSeller() seller: AuthenticatedSeller,
    @Body() dto: CreateApiKeyDto,
  ): Promise<CreatedApiKeyDto> {
    return this.apiKeys.create({ sellerId: seller.id, name: dto.name, scopes: dto.scopes });
  }

  @Get()
  @ApiOperation({ summary: 'List live API keys (never the keys themselves)' })
  @ApiResponse({ status: 200, type: ApiKeyDto, isArray: true })
  list(@CurrentSeller() seller: AuthenticatedSeller): Promise<ApiKeyDto[]> {
    return this.apiKeys.list(seller.id);
  }

  @Delete(':id')
  @Idempotent()
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an API key; it stops working at once' })
  @ApiResponse({ status: 204, description: 'Revoked' })
  @ApiResponse({ status: 404, type: ErrorBody, description: 'API_KEY_NOT_FOUND' })
  async revoke(
    @CurrentSeller() seller: AuthenticatedSeller,
    @Param('id') id: string,
  ): Promise<void> {
    await this.apiKeys.revoke(seller.id, id);
  }
}
