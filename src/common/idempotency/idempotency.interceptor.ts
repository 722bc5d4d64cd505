import {
  CallHandler,
  ExecutionContext,
  HttpStatus,
  Inject,
  Injectable,
  NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { hkdfSync } from 'node:crypto';
import { catchError, from, mergeMap, Observable, of } from 'rxjs';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AppException } from '../errors/app.exception';
import { IDEMPOTENT_CONCERNS, type ConcernsOf } from './idempotency-subject';
import { IdempotencyService } from './idempotency.service';
import { requestFingerprint } from './request-fingerprint';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

/**
 * `Idempotency-Key` on write requests of an authenticated seller. The first request with a key
 * runs and its answer (status and body) is stored; a repeat gets that answer without running
 * again, the same key with a different request gets 422 IDEMPOTENCY_KEY_REUSED, and a repeat while
 * the first is still running gets 409 IDEMPOTENCY_IN_PROGRESS, and a repeat whose stored answer
 * was erased with a member's personal data gets 410 IDEMPOTENCY_ANSWER_ERASED (routes declare
 * whom their answers concern: @Idempotent({ concerns })). Failed runs are not stored, so a
 * client retries an error with the same key. Runs after the auth guard (it needs the seller) and
 * before validation (it fingerprints the body as sent).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly fingerprintKey: Buffer;

  constructor(
    private readonly idempotency: IdempotencyService,
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.fingerprintKey = fingerprintKeyFrom(config.jwtSecret);
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request & { seller?: { id: string } }>();
    const response = http.getResponse<Response>();
    const header = request.headers[IDEMPOTENCY_HEADER];
    if (!WRITE_METHODS.has(request.method) || header === undefined || !request.seller) {
      return next.handle();
    }
    if (typeof header !== 'string' || !KEY_FORMAT.test(header)) {
      throw AppException.badRequest(
        'INVALID_IDEMPOTENCY_KEY',
        'Idempotency-Key must be 1-255 visible ASCII characters',
      );
    }
    const scope = { sellerId: request.seller.id, key: header };
    const claim = await this.idempotency.claim({
      ...scope,
      fingerprint: requestFingerprint({
        method: request.method,
        url: request.originalUrl,
        body: request.body as unknown,
        key: this.fingerprintKey,
      }),
    });
    switch (claim.kind) {
      case 'replay':
        response.status(claim.statusCode);
        response.setHeader('Idempotent-Replayed', 'true');
        return of(claim.body);
      case 'mismatch':
        throw new AppException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          'IDEMPOTENCY_KEY_REUSED',
          'This Idempotency-Key was already used for a different request',
        );
      case 'in_progress':
        throw AppException.conflict(
          'IDEMPOTENCY_IN_PROGRESS',
          'A request with this Idempotency-Key is still running; retry shortly',
        );
      case 'erased':
        throw new AppException(
          HttpStatus.GONE,
          'IDEMPOTENCY_ANSWER_ERASED',
          'The request with this Idempotency-Key was done; its answer was erased with the ' +
            'personal data it held',
        );
      case 'claimed': {
        const run = { ...scope, runId: claim.runId };
        const concerns = this.reflector.get<ConcernsOf | undefined>(
          IDEMPOTENT_CONCERNS,
          context.getHandler(),
        );
        return next.handle().pipe(
          mergeMap((body: unknown) =>
            from(
              this.idempotency
                .complete({
                  ...run,
                  statusCode: response.statusCode,
                  body,
                  concerns: concerns?.(
                    { body: request.body as unknown, params: pathParams(request) },
                    body,
                  ),
                })
                .then(() => body),
            ),
          ),
          catchError((error: unknown) =>
            from(
              this.idempotency.release(run).then(() => {
                throw error;
              }),
            ),
          ),
        );
      }
    }
  }
}

/** A key of its own, derived from a server secret (HKDF), for request fingerprints. */
export function fingerprintKeyFrom(serverSecret: string): Buffer {
  return Buffer.from(
    hkdfSync('sha256', serverSecret, 'membergate', 'idempotency-request-fingerprint', 32),
  );
}

/** Route parameters that are single strings (the only kind a subject is read from). */
function pathParams(request: Request): Record<string, string> {
  return Object.fromEntries(
    Object.entries(request.params ?? {}).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}
