import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import getRawBody from 'raw-body';
import { AppException } from '../../common/errors/app.exception';
import { PROVIDER_WEBHOOK_BODY_LIMIT } from '../../common/http/provider-webhooks';
import { TelegramWebhookService } from './telegram-webhook.service';

/**
 * Telegram's webhook, served as plain Express middleware placed ahead of the API's pipeline
 * (the way telegraf's own `webhookCallback` is mounted). Every update would otherwise pass the
 * request logger, helmet, the body parsers, the router, guards and interceptors, none of which
 * mean anything to Telegram; profiling put that chain at about a third of the bot's CPU per update.
 *
 * The contract is unchanged: the path segment and the secret-token header are checked first
 * (401 and nothing handled), the body must be an update (400), and the answer is sent once the
 * handlers have finished, so a failing handler answers 500 and Telegram delivers the update again.
 * Errors keep the API's `{ error: { code, message } }` shape.
 */
@Injectable()
export class TelegramWebhookEndpoint {
  private readonly logger = new Logger('TelegramWebhook');

  constructor(private readonly webhook: TelegramWebhookService) {}

  /** Mount at `/${WEBHOOK_ROUTE}`: Express strips that prefix, leaving `/<secretPath>`. */
  middleware(): RequestHandler {
    return (req, res, next) => void this.serve(req, res, next);
  }

  private async serve(req: Request, res: Response, next: NextFunction): Promise<void> {
    const secretPath = /^\/([^/?]+)\/?(?:\?.*)?$/.exec(req.url)?.[1];
    if (req.method !== 'POST' || secretPath === undefined) {
      next();
      return;
    }
    try {
      this.webhook.verify(secretPath, req.get('x-telegram-bot-api-secret-token'));
      await this.webhook.handle(await readJson(req));
      res.status(HttpStatus.OK).end();
    } catch (error) {
      this.fail(res, error);
    }
  }

  private fail(res: Response, error: unknown): void {
    const known = error instanceof AppException;
    if (!known) {
      // Telegram re-delivers the update; the log says which handler failed and why.
      this.logger.error({ err: error }, 'Telegram update failed');
    }
    if (res.headersSent) {
      return;
    }
    res.status(known ? error.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR).json({
      error: known
        ? { code: error.code, message: error.message }
        : { code: 'INTERNAL_ERROR', message: 'Internal server error' },
    });
  }
}

async function readJson(req: Request): Promise<unknown> {
  let text: string;
  try {
    text = await getRawBody(req, { limit: PROVIDER_WEBHOOK_BODY_LIMIT, encoding: 'utf8' });
  } catch (error) {
    if ((error as { type?: string }).type === 'entity.too.large') {
      throw new AppException(
        HttpStatus.PAYLOAD_TOO_LARGE,
        'PAYLOAD_TOO_LARGE',
        'Request body is too large',
      );
    }
    throw AppException.badRequest('TELEGRAM_UPDATE_INVALID', 'The request body could not be read');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw AppException.badRequest('INVALID_JSON', 'Request body is not valid JSON');
  }
}
