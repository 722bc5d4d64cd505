import { applyDecorators } from '@nestjs/common';
import { Auth } from '../../auth/decorators/auth.decorator';
import { Roles } from '../../auth/decorators/roles.decorator';

/**
 * Platform-admin routes: a Bearer access token with role admin (from /api/admin/login). Seller
 * tokens get 403 FORBIDDEN_ROLE, API keys 403 SESSION_REQUIRED, no credentials 401.
 */
export function AdminOnly(): ClassDecorator & MethodDecorator {
  return applyDecorators(Auth({ sessionOnly: true }), Roles('admin'));
}
