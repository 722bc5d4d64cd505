import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { isDuplicateKeyError } from '@app/common';
import { AppException } from './app.exception';
import { STATUS_CODES } from './http-error-codes';

interface Envelope {
  status: number;
  code: string;
  message: string;
  details?: unknown;
}

interface MongoLikeError {
  code?: number;
  keyValue?: Record<string, unknown>;
}

/**
 * Every error leaves as `{ error: { code, message, details, requestId } }`. Unknown errors are
 * logged with the request id and answered as a bare 500, so no stack or internal text leaks.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') {
      throw exception;
    }
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    const envelope = this.toEnvelope(exception, request);
    if (response.headersSent) {
      return;
    }
    response.status(envelope.status).json({
      error: {
        code: envelope.code,
        message: envelope.message,
        ...(envelope.details === undefined ? {} : { details: envelope.details }),
        ...(request.id ? { requestId: String(request.id) } : {}),
      },
    });
  }

  private toEnvelope(exception: unknown, request: Request & { id?: string }): Envelope {
    if (exception instanceof AppException) {
      return {
        status: exception.getStatus(),
        code: exception.code,
        message: exception.message,
        details: exception.details,
      };
    }
    if (exception instanceof HttpException) {
      return this.fromHttpException(exception, request);
    }
    if (isDuplicateKeyError(exception)) {
      const fields = Object.keys((exception as MongoLikeError).keyValue ?? {});
      return {
        status: 409,
        code: 'DUPLICATE',
        message: 'A record with these values already exists',
        details: { fields },
      };
    }
    this.logger.error(
      { err: exception, requestId: request.id, method: request.method, path: request.path },
      'Unhandled error',
    );
    return { status: 500, code: 'INTERNAL_ERROR', message: 'Internal server error' };
  }

  private fromHttpException(exception: HttpException, request: Request): Envelope {
    const status = exception.getStatus();
    const body = exception.getResponse();
    const code = STATUS_CODES[status] ?? `HTTP_${status}`;
    if (status === Number(HttpStatus.NOT_FOUND) && /^Cannot [A-Z]+ /.test(exception.message)) {
      return {
        status,
        code: 'ROUTE_NOT_FOUND',
        message: `No route for ${request.method} ${request.path}`,
      };
    }
    const message =
      typeof body === 'object' && body !== null && 'message' in body
        ? String(body.message)
        : exception.message;
    return { status, code, message };
  }
}
