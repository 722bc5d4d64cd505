export type NodeEnv = 'development' | 'production' | 'test';
export type TelegramMode = 'webhook' | 'polling' | 'off';

/** The whole runtime configuration, typed and validated once at boot. */
export interface AppConfig {
  nodeEnv: NodeEnv;
  port: number;
  publicUrl: string;
  dataDir: string;
  logLevel: string;
  mongodbUri: string | undefined;
  /** Forces the embedded engine used when mongodbUri is unset. */
  embeddedDbEngine: 'mongod' | 'ferretdb' | 'mongodb-memory-server' | undefined;
  jwtSecret: string;
  /** 32 raw bytes for AES-256-GCM. */
  encryptionKey: Buffer;
  /** Older keys, still accepted for decryption while data is re-encrypted (key rotation). */
  previousEncryptionKeys: Buffer[];
  bodyLimit: string;
  throttle: { ttlMs: number; limit: number };
  cronEnabled: boolean;
  telegram: {
    botToken: string | undefined;
    apiRoot: string;
    webhookSecret: string | undefined;
    mode: TelegramMode;
    adminIds: number[];
    /** Telegram's flood limits as the outbox keeps to them (scaled up only against the fake). */
    rateLimits: {
      globalPerSecond: number;
      privateChatPerSecond: number;
      groupChatPerMinute: number;
    };
  };
  outbox: {
    /** Failed attempts (429s excluded) before a job is dead. */
    maxAttempts: number;
    dispatchIntervalMs: number;
    /** A Telegram call still unanswered after this is aborted and retried. */
    callTimeoutMs: number;
  };
  stripe: {
    secretKey: string | undefined;
    webhookSecret: string | undefined;
    apiBase: string | undefined;
  };
  payments: {
    /** How long a checkout (Stripe session, Stars invoice) stays payable. */
    checkoutTtlMinutes: number;
    /** How long the claim deep link of a web payment without a Telegram id stays usable. */
    claimLinkTtlDays: number;
  };
  smtpUrl: string | undefined;
  mailFrom: string;
  recovery: {
    /** How often the delivery-recovery pass runs (under its lease). */
    intervalMs: number;
  };
  access: {
    /** Days before the end of paid time at which a reminder goes out, largest first. */
    reminderDays: number[];
    /** Days of access kept after a failed renewal (and after a recurring period ends unpaid). */
    graceDays: number;
    /** How often the expiry sweep runs (under its lease). */
    expiryJobIntervalMs: number;
    /** How long a personal invite link stays usable. */
    inviteLinkTtlHours: number;
  };
  privacy: {
    /** When the daily erasure of ended members' personal data runs (cron, UTC). */
    cron: string;
    /** Days after a membership ends before its personal data is erased (0 = at once). */
    retentionDays: number;
  };
  housekeeping: {
    /**
     * Days finished delivery watches, their recovery attempts and old admin alerts are kept
     * before the daily purge removes them (undelivered payments and open alerts are kept).
     */
    retentionDays: number;
  };
  webhooks: {
    /** A seller's server that has not answered within this is a failed delivery attempt. */
    timeoutMs: number;
    /** Consecutive failed attempts (no success in between) that disable an endpoint. */
    disableAfterFailures: number;
    /** How long webhook events, deliveries and attempts are kept for the delivery log. */
    logRetentionDays: number;
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
