import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
} from 'class-validator';

const toBool = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? ['1', 'true', 'yes', 'on'].includes(value.toLowerCase()) : value;
const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
const urlOptions = { require_tld: false, require_protocol: true };

/** The environment as operators write it; names are part of the product's contract. */
export class EnvSchema {
  @IsOptional() @IsIn(['development', 'production', 'test']) NODE_ENV?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(65535) PORT?: number;
  @IsOptional() @IsUrl(urlOptions) PUBLIC_URL?: string;
  @IsOptional() @IsString() DATA_DIR?: string;
  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;
  @IsOptional()
  @Matches(/^mongodb(\+srv)?:\/\//, {
    message: 'MONGODB_URI must start with mongodb:// or mongodb+srv://',
  })
  MONGODB_URI?: string;
  @IsOptional() @IsIn(['mongod', 'ferretdb', 'mongodb-memory-server']) EMBEDDED_DB_ENGINE?: string;
  @IsOptional() @IsString() @MinLength(32) JWT_SECRET?: string;
  @IsOptional()
  @Matches(/^(base64:[A-Za-z0-9+/]{43}=|hex:[0-9a-fA-F]{64})$/, {
    message: 'ENCRYPTION_KEY must be 32 bytes written as base64:<44 chars> or hex:<64 chars>',
  })
  ENCRYPTION_KEY?: string;
  @IsOptional() @IsString() ENCRYPTION_KEYS_PREVIOUS?: string;
  @IsOptional()
  @Matches(/^\d+(kb|mb)$/i, { message: 'BODY_LIMIT must look like 100kb or 1mb' })
  BODY_LIMIT?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) THROTTLE_TTL_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) THROTTLE_LIMIT?: number;
  @IsOptional() @Transform(toBool) @IsBoolean() CRON_ENABLED?: boolean;
  @IsOptional()
  @Matches(/^\d+:[A-Za-z0-9_-]{20,}$/, {
    message: 'TELEGRAM_BOT_TOKEN must look like 123456:ABC-...',
  })
  TELEGRAM_BOT_TOKEN?: string;
  @IsOptional() @IsUrl(urlOptions) TELEGRAM_API_ROOT?: string;
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{16,256}$/, {
    message: 'TELEGRAM_WEBHOOK_SECRET must be 16-256 characters of A-Z, a-z, 0-9, _ and -',
  })
  TELEGRAM_WEBHOOK_SECRET?: string;
  @IsOptional() @IsIn(['webhook', 'polling', 'off']) TELEGRAM_MODE?: string;
  @IsOptional()
  @Matches(/^\s*(\d+\s*(,\s*\d+\s*)*)?$/, {
    message: 'ADMIN_TELEGRAM_IDS must be a comma-separated list of numeric ids',
  })
  ADMIN_TELEGRAM_IDS?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) TELEGRAM_RATE_GLOBAL_PER_SECOND?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) TELEGRAM_RATE_PRIVATE_CHAT_PER_SECOND?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) TELEGRAM_RATE_GROUP_CHAT_PER_MINUTE?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(100) OUTBOX_MAX_ATTEMPTS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(10) OUTBOX_DISPATCH_INTERVAL_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(100) OUTBOX_CALL_TIMEOUT_MS?: number;
  @IsOptional()
  @Matches(/^(sk|rk)_(test|live)_[A-Za-z0-9]+$/, {
    message: 'STRIPE_SECRET_KEY must look like sk_test_... or sk_live_...',
  })
  STRIPE_SECRET_KEY?: string;
  @IsOptional()
  @Matches(/^whsec_[A-Za-z0-9]+$/, { message: 'STRIPE_WEBHOOK_SECRET must look like whsec_...' })
  STRIPE_WEBHOOK_SECRET?: string;
  @IsOptional() @IsUrl(urlOptions) STRIPE_API_BASE?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(30) @Max(1440) CHECKOUT_TTL_MINUTES?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(365) CLAIM_LINK_TTL_DAYS?: number;
  @IsOptional()
  @Matches(/^smtps?:\/\//, { message: 'SMTP_URL must start with smtp:// or smtps://' })
  SMTP_URL?: string;
  @IsOptional() @IsString() MAIL_FROM?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1000) RECOVERY_INTERVAL_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1000) @Max(60_000) WEBHOOK_TIMEOUT_MS?: number;
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  WEBHOOK_DISABLE_AFTER_FAILURES?: number;
  // Longer than the last retry (about 4.3 days after the event), so a retried delivery keeps its body.
  @IsOptional() @Transform(toInt) @IsInt() @Min(7) @Max(3650) WEBHOOK_LOG_RETENTION_DAYS?: number;
  @IsOptional()
  @Matches(/^\s*\d+\s*(,\s*\d+\s*)*$/, {
    message: 'REMINDER_DAYS must be a comma-separated list of whole days, e.g. 3,1',
  })
  REMINDER_DAYS?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(60) GRACE_DAYS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1000) EXPIRY_JOB_INTERVAL_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(24 * 30) INVITE_LINK_TTL_HOURS?: number;
  // Above the recovery sweep's one-day look-back, so a purged delivery watch is never re-made.
  @IsOptional() @Transform(toInt) @IsInt() @Min(7) @Max(3650) HOUSEKEEPING_RETENTION_DAYS?: number;
  @IsOptional() @IsString() PRIVACY_CRON?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(3650) RETENTION_DAYS?: number;
}
