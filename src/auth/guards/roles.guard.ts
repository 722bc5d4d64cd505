import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppException } from '../../common/errors/app.exception';
import { ROLES_KEY } from '../decorators/roles.decorator';
import type { AuthenticatedRequest, Role } from '../principal';

/** Runs after SellerAuthGuard; enforces @Roles() when a route or controller declares it. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles || roles.length === 0) {
      return true;
    }
    const seller = context.switchToHttp().getRequest<AuthenticatedRequest>().seller;
    if (!seller || !roles.includes(seller.role)) {
      throw AppException.forbidden('FORBIDDEN_ROLE', 'Your account may not do this');
    }
    return true;
  }
}
