import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../common/errors/app.exception';

/** 429 LOGIN_THROTTLED; RetryAfterInterceptor turns `retryAfterSeconds` into the header. */
export class LoginThrottledException extends AppException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      HttpStatus.TOO_MANY_REQUESTS,
      'LOGIN_THROTTLED',
      `Too many failed login attempts; try again in ${retryAfterSeconds} seconds`,
      { retryAfterSeconds },
    );
  }
}
