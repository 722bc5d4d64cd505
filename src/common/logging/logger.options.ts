import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../../config/app-config';

/** Header and body fields that carry secrets; pino replaces them before anything is written. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["stripe-signature"]',
  'req.headers["x-telegram-bot-api-secret-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.refreshToken',
  '*.accessToken',
  '*.token',
  '*.secret',
  '*.apiKey',
  '*.key',
  '*.secretKey',
  '*.webhookSecret',
  '*.botToken',
];

// Telegram webhook paths and bot API URLs carry secrets in the path itself.
const SECRET_PATH_PATTERNS: [RegExp, string][] = [
  [/(\/webhooks\/telegram\/)[^/?]+/, '$1[REDACTED]'],
  [/(\/bot)\d+:[A-Za-z0-9_-]+/, '$1[REDACTED]'],
];

export function redactUrl(url: string | undefined): string | undefined {
  return url === undefined
    ? undefined
    : SECRET_PATH_PATTERNS.reduce(
        (acc, [pattern, replacement]) => acc.replace(pattern, replacement),
        url,
      );
}

export function loggerOptions(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const incoming = req.headers['x-request-id'];
        const id =
          typeof incoming === 'string' && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: redactUrl(req.url),
        }),
      },
      autoLogging: { ignore: (req: IncomingMessage) => (req.url ?? '').startsWith('/health') },
      transport: undefined,
    },
  };
}
