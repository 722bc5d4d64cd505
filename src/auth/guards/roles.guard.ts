import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppException } from '../../common/errors/app.exception';
import { ROLES_KEY } from '../decorators/roles.decorator';
import type { AuthenticatedRequest, Role } from '../principal';

/** Runs after SellerAuthGuard; enforces @Roles(), and the seller role where none is declared. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    // A route that names no role is a seller route: an admin token is not a seller account.
    const allowed: Role[] = roles && roles.length > 0 ? roles : ['seller'];
    const seller = context.switchToHttp().getRequest<AuthenticatedRequest>().seller;
    if (!seller || !allowed.includes(seller.role)) {
      throw AppException.forbidden('FORBIDDEN_ROLE', 'Your account may not do this');
    }
    return true;
  }
}
