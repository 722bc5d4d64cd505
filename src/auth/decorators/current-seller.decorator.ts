import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest, AuthenticatedSeller } from '../principal';

/** The caller established by @Auth(); using it on a route without @Auth() is a programming error. */
export const CurrentSeller = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedSeller => {
    const seller = context.switchToHttp().getRequest<AuthenticatedRequest>().seller;
    if (!seller) {
      throw new Error('@CurrentSeller() used on a route without @Auth()');
    }
    return seller;
  },
);
