import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppException } from '../../common/errors/app.exception';
import { AccessTokenService } from '../access-token.service';
import { ApiKeysService } from '../api-keys/api-keys.service';
import { AUTH_OPTIONS, AuthOptions } from '../decorators/auth-options';
import { SellerDisablementsService } from '../disablements/seller-disablements.service';
import {
  API_KEY_SCOPES,
  ApiKeyScope,
  AuthenticatedRequest,
  AuthenticatedSeller,
} from '../principal';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Accepts either credential: `Authorization: Bearer <access JWT>` (a seller's session, all scopes)
 * or `X-API-Key: mg_...` (the key's scopes). Sending both is refused rather than guessing which
 * one the caller meant. A disabled seller account is refused whatever it presents.
 */
@Injectable()
export class SellerAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly accessTokens: AccessTokenService,
    private readonly apiKeys: ApiKeysService,
    private readonly disablements: SellerDisablementsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const options =
      this.reflector.getAllAndOverride<AuthOptions | undefined>(AUTH_OPTIONS, [
        context.getHandler(),
        context.getClass(),
      ]) ?? {};
    const seller = await this.authenticate(request);
    if (seller.role === 'seller') {
      // An access token outlives the admin's decision by up to 15 minutes; it must not.
      await this.disablements.assertEnabled(seller.id);
    }
    if (seller.via === 'api_key' && options.sessionOnly) {
      throw AppException.forbidden(
        'SESSION_REQUIRED',
        'This endpoint needs a logged-in seller (Bearer token); API keys cannot call it',
      );
    }
    const required: ApiKeyScope = READ_METHODS.has(request.method) ? 'read' : 'write';
    if (!seller.scopes.includes(required)) {
      throw new AppException(
        403,
        'INSUFFICIENT_SCOPE',
        `This API key lacks the ${required} scope`,
        {
          required,
        },
      );
    }
    request.seller = seller;
    return true;
  }

  private async authenticate(request: AuthenticatedRequest): Promise<AuthenticatedSeller> {
    const authorization = request.headers.authorization;
    const apiKey = request.headers['x-api-key'];
    if (authorization !== undefined && apiKey !== undefined) {
      throw AppException.unauthorized(
        'AMBIGUOUS_CREDENTIALS',
        'Send either a Bearer token or an X-API-Key, not both',
      );
    }
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      if (!match) {
        throw AppException.unauthorized(
          'INVALID_ACCESS_TOKEN',
          'Authorization must be "Bearer <access token>"',
        );
      }
      const { sellerId, role } = this.accessTokens.verify(match[1]);
      return { id: sellerId, role, via: 'jwt', scopes: API_KEY_SCOPES };
    }
    if (typeof apiKey === 'string') {
      const seller = await this.apiKeys.authenticate(apiKey.trim());
      if (!seller) {
        throw AppException.unauthorized('INVALID_API_KEY', 'The API key is not valid');
      }
      return seller;
    }
    throw AppException.unauthorized(
      'AUTH_REQUIRED',
      'Authenticate with a Bearer access token or an X-API-Key',
    );
  }
}
