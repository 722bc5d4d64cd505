import { plainToInstance } from 'class-transformer';
import { validateCronExpression } from 'cron';
import { validateSync, ValidationError } from 'class-validator';
import { resolve } from 'node:path';
import { AppConfig, NodeEnv, TelegramMode } from './app-config';
import { ConfigError } from './config.error';
import { loadOrCreateDevSecrets } from './dev-secrets';
import { EnvSchema } from './env.schema';

export interface LoadedConfig {
  config: AppConfig;
  /** Things the operator should know, logged once the logger exists. */
  warnings: string[];
}

type Env = Record<string, string | undefined>;

export function loadConfig(rawEnv: Env): LoadedConfig {
  const env = withoutEmptyValues(rawEnv);
  const parsed = plainToInstance(EnvSchema, env, { enableImplicitConversion: false });
  const problems = validateSync(parsed, { whitelist: false }).flatMap(describe);
  const nodeEnv = (parsed.NODE_ENV ?? 'development') as NodeEnv;
  problems.push(...productionProblems(nodeEnv, parsed));
  problems.push(...keyringProblems(parsed.ENCRYPTION_KEYS_PREVIOUS));
  problems.push(...cronProblems('PRIVACY_CRON', parsed.PRIVACY_CRON));
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return build(nodeEnv, parsed);
}

function build(nodeEnv: NodeEnv, env: EnvSchema): LoadedConfig {
  const warnings: string[] = [];
  const port = env.PORT ?? 3000;
  const dataDir = resolve(env.DATA_DIR ?? '.data');
  let jwtSecret = env.JWT_SECRET;
  let encryptionKey = env.ENCRYPTION_KEY;
  if (!jwtSecret || !encryptionKey) {
    const { secrets, created } = loadOrCreateDevSecrets(dataDir);
    jwtSecret ??= secrets.jwtSecret;
    encryptionKey ??= secrets.encryptionKey;
    warnings.push(
      `${created ? 'Generated' : 'Using'} development secrets in ${dataDir}/dev-secrets.json; ` +
        'set JWT_SECRET and ENCRYPTION_KEY for real deployments',
    );
  }
  const telegram = telegramConfig(env);
  const config: AppConfig = {
    nodeEnv,
    port,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    dataDir,
    logLevel: env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info'),
    mongodbUri: env.MONGODB_URI,
    embeddedDbEngine: env.EMBEDDED_DB_ENGINE as AppConfig['embeddedDbEngine'],
    jwtSecret,
    encryptionKey: parseKey(encryptionKey),
    previousEncryptionKeys: splitList(env.ENCRYPTION_KEYS_PREVIOUS).map(parseKey),
    bodyLimit: env.BODY_LIMIT ?? '100kb',
    throttle: { ttlMs: env.THROTTLE_TTL_MS ?? 60_000, limit: env.THROTTLE_LIMIT ?? 300 },
    cronEnabled: env.CRON_ENABLED ?? nodeEnv !== 'test',
    telegram,
    outbox: {
      maxAttempts: env.OUTBOX_MAX_ATTEMPTS ?? 8,
      dispatchIntervalMs: env.OUTBOX_DISPATCH_INTERVAL_MS ?? 500,
      callTimeoutMs: env.OUTBOX_CALL_TIMEOUT_MS ?? 30_000,
    },
    stripe: {
      secretKey: env.STRIPE_SECRET_KEY,
      webhookSecret: env.STRIPE_WEBHOOK_SECRET,
      apiBase: env.STRIPE_API_BASE,
    },
    payments: {
      checkoutTtlMinutes: env.CHECKOUT_TTL_MINUTES ?? 60,
      claimLinkTtlDays: env.CLAIM_LINK_TTL_DAYS ?? 30,
    },
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM ?? 'Membergate <no-reply@membergate.local>',
    recovery: { intervalMs: env.RECOVERY_INTERVAL_MS ?? 5 * 60_000 },
    access: {
      reminderDays: parseDays(env.REMINDER_DAYS ?? '3,1'),
      graceDays: env.GRACE_DAYS ?? 3,
      expiryJobIntervalMs: env.EXPIRY_JOB_INTERVAL_MS ?? 60_000,
      inviteLinkTtlHours: env.INVITE_LINK_TTL_HOURS ?? 24,
    },
    privacy: {
      cron: env.PRIVACY_CRON ?? '0 2 * * *',
      retentionDays: env.RETENTION_DAYS ?? 0,
    },
    housekeeping: { retentionDays: env.HOUSEKEEPING_RETENTION_DAYS ?? 30 },
    webhooks: {
      timeoutMs: env.WEBHOOK_TIMEOUT_MS ?? 10_000,
      disableAfterFailures: env.WEBHOOK_DISABLE_AFTER_FAILURES ?? 20,
      logRetentionDays: env.WEBHOOK_LOG_RETENTION_DAYS ?? 30,
    },
  };
  return { config, warnings };
}

function telegramConfig(env: EnvSchema): AppConfig['telegram'] {
  const explicit = env.TELEGRAM_MODE as TelegramMode | undefined;
  const mode: TelegramMode = !env.TELEGRAM_BOT_TOKEN
    ? 'off'
    : (explicit ?? (env.TELEGRAM_WEBHOOK_SECRET ? 'webhook' : 'polling'));
  return {
    botToken: env.TELEGRAM_BOT_TOKEN,
    apiRoot: (env.TELEGRAM_API_ROOT ?? 'https://api.telegram.org').replace(/\/+$/, ''),
    webhookSecret: env.TELEGRAM_WEBHOOK_SECRET,
    mode,
    adminIds: splitList(env.ADMIN_TELEGRAM_IDS).map(Number),
    rateLimits: {
      globalPerSecond: env.TELEGRAM_RATE_GLOBAL_PER_SECOND ?? 30,
      privateChatPerSecond: env.TELEGRAM_RATE_PRIVATE_CHAT_PER_SECOND ?? 1,
      groupChatPerMinute: env.TELEGRAM_RATE_GROUP_CHAT_PER_MINUTE ?? 20,
    },
  };
}

function productionProblems(nodeEnv: NodeEnv, env: EnvSchema): string[] {
  if (nodeEnv !== 'production') {
    return [];
  }
  const problems: string[] = [];
  const required: (keyof EnvSchema)[] = [
    'MONGODB_URI',
    'JWT_SECRET',
    'ENCRYPTION_KEY',
    'PUBLIC_URL',
  ];
  for (const name of required) {
    if (!env[name]) {
      problems.push(`${name} is required when NODE_ENV=production`);
    }
  }
  if (env.TELEGRAM_MODE === 'webhook' && !env.TELEGRAM_WEBHOOK_SECRET) {
    problems.push('TELEGRAM_WEBHOOK_SECRET is required when TELEGRAM_MODE=webhook');
  }
  return problems;
}

function keyringProblems(list: string | undefined): string[] {
  return splitList(list)
    .filter((key) => !/^(base64:[A-Za-z0-9+/]{43}=|hex:[0-9a-fA-F]{64})$/.test(key))
    .map(() => 'ENCRYPTION_KEYS_PREVIOUS entries must each be base64:<44 chars> or hex:<64 chars>');
}

function cronProblems(name: string, expression: string | undefined): string[] {
  if (expression === undefined) {
    return [];
  }
  const { valid, error } = validateCronExpression(expression);
  return valid ? [] : [`${name} is not a valid cron expression: ${error?.message ?? expression}`];
}

/** Distinct positive day counts, largest first (reminders go out in that order). */
function parseDays(list: string): number[] {
  return [...new Set(splitList(list).map(Number))].filter((d) => d > 0).sort((a, b) => b - a);
}

function parseKey(value: string): Buffer {
  const [scheme, body] = value.split(':', 2) as ['base64' | 'hex', string];
  return Buffer.from(body, scheme);
}

function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

function withoutEmptyValues(env: Env): Env {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
}

function describe(error: ValidationError): string[] {
  return Object.values(error.constraints ?? {}).map((message) =>
    message.startsWith(error.property) ? message : `${error.property}: ${message}`,
  );
}
