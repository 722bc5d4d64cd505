import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../common/errors/app.exception';

/** A 429 whose `retryAfterSeconds` RetryLaterInterceptor turns into the Retry-After header. */
export class RetryLaterException extends AppException {
  constructor(
    code: string,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(HttpStatus.TOO_MANY_REQUESTS, code, message, { retryAfterSeconds });
  }
}
