import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import { ErrorBody } from '../errors/error-body';
import { IDEMPOTENT_CONCERNS, type ConcernsOf } from './idempotency-subject';
import { IdempotencyInterceptor } from './idempotency.interceptor';

export interface IdempotentOptions<TBody, TAnswer> {
  /**
   * For routes whose answer carries a member's data: whom it concerns, so that the member's
   * erasure erases the stored answer too (see IdempotencySubject).
   */
  concerns?: ConcernsOf<TBody, TAnswer>;
}

/** Lets a write endpoint (behind @Auth()) honour the Idempotency-Key header; documents it. */
export function Idempotent<TBody = unknown, TAnswer = unknown>(
  options: IdempotentOptions<TBody, TAnswer> = {},
): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...(options.concerns ? [SetMetadata(IDEMPOTENT_CONCERNS, options.concerns)] : []),
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Any unique string (1-255 visible ASCII characters, e.g. a UUID). Repeating a request ' +
        'with the same key returns the first answer instead of running it again (kept 24 h).',
      example: '0b9f6c1e-5c1a-4b8e-9a57-3f0d2c6e8a41',
    }),
    ApiResponse({
      status: 409,
      type: ErrorBody,
      description: 'IDEMPOTENCY_IN_PROGRESS: the first request with this key is still running',
    }),
    ApiResponse({
      status: 422,
      type: ErrorBody,
      description: 'IDEMPOTENCY_KEY_REUSED: the key was used for a different request',
    }),
    ...(options.concerns
      ? [
          ApiResponse({
            status: 410,
            type: ErrorBody,
            description:
              'IDEMPOTENCY_ANSWER_ERASED: the first request with this key was done, but its ' +
              'answer was erased with the personal data of the member it concerned',
          }),
        ]
      : []),
  );
}
