import { SetMetadata } from '@nestjs/common';
import type { Role } from '../principal';

export const ROLES_KEY = 'membergate:roles';

/** Only these roles may call the route (with @Auth()); without it every authenticated role may. */
export const Roles = (...roles: Role[]): ClassDecorator & MethodDecorator =>
  SetMetadata(ROLES_KEY, roles);
