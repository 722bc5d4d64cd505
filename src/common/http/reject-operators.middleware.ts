import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AppException } from '../errors/app.exception';
import { isProviderWebhook } from './provider-webhooks';

const MAX_DEPTH = 32;

/**
 * Refuses any body or query key that MongoDB would read as an operator (`$gt`) or a path (`a.b`).
 * DTO validation already rejects most such input; this closes free-form fields too, once.
 */
@Injectable()
export class RejectOperatorsMiddleware implements NestMiddleware {
  use(req: Request, _res: Response, next: NextFunction): void {
    // Stripe metadata may legitimately hold dotted keys; those bodies are signed and never stored as sent.
    if (isProviderWebhook(req)) {
      next();
      return;
    }
    const offending = findUnsafeKey(req.body, 0) ?? findUnsafeKey(req.query, 0);
    if (offending !== undefined) {
      next(
        AppException.badRequest(
          'UNSAFE_INPUT',
          `Field names may not start with $ or contain dots`,
          {
            field: offending,
          },
        ),
      );
      return;
    }
    next();
  }
}

export function findUnsafeKey(value: unknown, depth: number): string | undefined {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') {
    return undefined;
  }
  if (Buffer.isBuffer(value)) {
    return undefined;
  }
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    if (key.startsWith('$') || (key.includes('.') && !Array.isArray(value))) {
      return key;
    }
    const nested = findUnsafeKey(child, depth + 1);
    if (nested !== undefined) {
      return nested;
    }
  }
  return undefined;
}
