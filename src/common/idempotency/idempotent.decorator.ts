import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import { ErrorBody } from '../errors/error-body';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/** Lets a write endpoint (behind @Auth()) honour the Idempotency-Key header; documents it. */
export function Idempotent(): MethodDecorator & ClassDecorator {
  return applyDecorators(
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
  );
}
