import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiSecurity } from '@nestjs/swagger';
import { ErrorBody } from '../../common/errors/error-body';
import { API_KEY_AUTH, BEARER_AUTH } from '../../docs/swagger';
import { RolesGuard } from '../guards/roles.guard';
import { SellerAuthGuard } from '../guards/seller-auth.guard';
import { AUTH_OPTIONS, AuthOptions } from './auth-options';

/**
 * Requires an authenticated seller: a Bearer access token, or an X-API-Key whose scopes cover the
 * request (GET needs `read`, anything else `write`). Combine with @Roles() to restrict by role.
 * Documents both schemes and the 401/403 answers in Swagger.
 */
export function Auth(options: AuthOptions = {}): ClassDecorator & MethodDecorator {
  const schemes = options.sessionOnly
    ? [ApiBearerAuth(BEARER_AUTH)]
    : [ApiBearerAuth(BEARER_AUTH), ApiSecurity(API_KEY_AUTH)];
  return applyDecorators(
    SetMetadata(AUTH_OPTIONS, options),
    UseGuards(SellerAuthGuard, RolesGuard),
    ...schemes,
    ApiResponse({
      status: 401,
      type: ErrorBody,
      description:
        'AUTH_REQUIRED, INVALID_ACCESS_TOKEN, ACCESS_TOKEN_EXPIRED, INVALID_API_KEY, AMBIGUOUS_CREDENTIALS',
    }),
    ApiResponse({
      status: 403,
      type: ErrorBody,
      description: 'INSUFFICIENT_SCOPE, SESSION_REQUIRED, FORBIDDEN_ROLE, ACCOUNT_DISABLED',
    }),
  );
}
