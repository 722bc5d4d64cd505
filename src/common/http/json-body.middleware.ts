import { HttpStatus, Inject, Injectable, NestMiddleware } from '@nestjs/common';
import { json, urlencoded } from 'express';
import type { NextFunction, Request, Response } from 'express';
import type { IncomingMessage } from 'node:http';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AppException } from '../errors/app.exception';

export interface RawBodyRequest extends IncomingMessage {
  rawBody?: Buffer;
}

/**
 * Body parsing runs as Nest middleware (Nest's own parser is off) so that its errors, a body over
 * the limit or broken JSON, reach the global exception filter and get the standard error answer.
 * The raw bytes are kept because webhook signatures (Stripe) are computed over them.
 */
@Injectable()
export class JsonBodyMiddleware implements NestMiddleware {
  private readonly parsers: ReturnType<typeof json>[];

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const verify = (req: RawBodyRequest, _res: unknown, buf: Buffer): void => {
      req.rawBody = buf;
    };
    this.parsers = [
      json({ limit: config.bodyLimit, verify }),
      urlencoded({ limit: config.bodyLimit, extended: false, verify }),
    ];
  }

  use(req: Request, res: Response, next: NextFunction): void {
    const [jsonParser, formParser] = this.parsers;
    jsonParser(req, res, (error?: unknown) => {
      if (error) {
        next(bodyParserError(error));
        return;
      }
      formParser(req, res, next);
    });
  }
}

/** Names body-parser's failures with our codes before Nest's router turns them into plain 400s. */
function bodyParserError(error: unknown): unknown {
  const type = (error as { type?: string }).type ?? '';
  switch (type) {
    case 'entity.too.large':
      return new AppException(
        HttpStatus.PAYLOAD_TOO_LARGE,
        'PAYLOAD_TOO_LARGE',
        'Request body is too large',
      );
    case 'entity.parse.failed':
      return AppException.badRequest('INVALID_JSON', 'Request body is not valid JSON');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppException(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        'UNSUPPORTED_MEDIA_TYPE',
        'Unsupported body encoding',
      );
    default:
      return error;
  }
}
