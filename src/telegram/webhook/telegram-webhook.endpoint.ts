import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import getRawBody from 'raw-body';
import { AppException } from '../../common/errors/app.exception';
import { PROVIDER_WEBHOOK_BODY_LIMIT } from '../../common/http/provider-webhooks';
import { TelegramWebhookService } from './telegram-webhook.service';
import { WEBHOOK_ROUTE } from './webhook-path';

const WEBHOOK_PATH = new RegExp(`^/${WEBHOOK_ROUTE}/([^/?]+)/?(?:\\?.*)?$`);

/**
 * Telegram's webhook, served on the HTTP server itself, beside Express (see mountTelegramWebhook).
 * Through Express and the API's pipeline (request logger, helmet, body parsers, router, guards,
 * interceptors), none of which mean anything to Telegram, a `/help` update cost about 770 µs of
 * CPU even with the endpoint as Express's first middleware; served here, 510-560 µs
 * (`npm run bench -- inbound`).
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

  /** The secret path segment of a POST to the webhook route; undefined for any other request. */
  secretPathOf(req: IncomingMessage): string | undefined {
    return req.method === 'POST' ? WEBHOOK_PATH.exec(req.url ?? '')?.[1] : undefined;
  }

  async serve(req: IncomingMessage, res: ServerResponse, secretPath: string): Promise<void> {
    try {
      const token = req.headers['x-telegram-bot-api-secret-token'];
      this.webhook.verify(secretPath, Array.isArray(token) ? token[0] : token);
      await this.webhook.handle(await readJson(req));
      res.statusCode = HttpStatus.OK;
      res.end();
    } catch (error) {
      this.fail(res, error);
    }
  }

  private fail(res: ServerResponse, error: unknown): void {
    const known = error instanceof AppException;
    if (!known) {
      // Telegram re-delivers the update; the log says which handler failed and why.
      this.logger.error({ err: error }, 'Telegram update failed');
    }
    if (res.headersSent) {
      return;
    }
    res.statusCode = known ? error.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(
      JSON.stringify({
        error: known
          ? { code: error.code, message: error.message }
          : { code: 'INTERNAL_ERROR', message: 'Internal server error' },
      }),
    );
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
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
