import { HttpStatus, Inject, Injectable, NestMiddleware } from '@nestjs/common';
import { json, urlencoded } from 'express';
import type { NextFunction, Request, Response } from 'express';
import type { IncomingMessage } from 'node:http';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AppException } from '../errors/app.exception';
import { isProviderWebhook, PROVIDER_WEBHOOK_BODY_LIMIT } from './provider-webhooks';

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
  private readonly clientParsers: Parsers;
  private readonly providerParsers: Parsers;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.clientParsers = parsers(config.bodyLimit);
    this.providerParsers = parsers(PROVIDER_WEBHOOK_BODY_LIMIT);
  }

  use(req: Request, res: Response, next: NextFunction): void {
    const [jsonParser, formParser] = isProviderWebhook(req)
      ? this.providerParsers
      : this.clientParsers;
    jsonParser(req, res, (error?: unknown) => {
      if (error) {
        next(bodyParserError(error));
        return;
      }
      formParser(req, res, next);
    });
  }
}

type Parsers = [ReturnType<typeof json>, ReturnType<typeof urlencoded>];

function parsers(limit: string): Parsers {
  const verify = (req: RawBodyRequest, _res: unknown, buf: Buffer): void => {
    req.rawBody = buf;
  };
  return [json({ limit, verify }), urlencoded({ limit, extended: false, verify })];
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
