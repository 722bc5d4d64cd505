import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './config.error';
import { loadConfig } from './load-config';

const tempDataDir = (): string => mkdtempSync(join(tmpdir(), 'mg-config-'));

describe('loadConfig', () => {
  it('starts from an empty environment, generating development secrets once and warning about it', () => {
    const dataDir = tempDataDir();
    const first = loadConfig({ DATA_DIR: dataDir });
    const file = join(dataDir, 'dev-secrets.json');
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.warnings.join()).toContain('Generated development secrets');
    expect(first.config.encryptionKey).toHaveLength(32);
    expect(first.config.mongodbUri).toBeUndefined();
    expect(first.config.telegram.mode).toBe('off');

    const second = loadConfig({ DATA_DIR: dataDir });
    expect(second.config.jwtSecret).toBe(first.config.jwtSecret);
    expect(second.warnings.join()).toContain('Using development secrets');
    expect(readFileSync(file, 'utf8')).not.toContain(second.config.encryptionKey.toString('hex'));
  });

  it('refuses to start in production without its required secrets, listing every one', () => {
    expect.assertions(2);
    try {
      loadConfig({ NODE_ENV: 'production', DATA_DIR: tempDataDir() });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([
        'MONGODB_URI is required when NODE_ENV=production',
        'JWT_SECRET is required when NODE_ENV=production',
        'ENCRYPTION_KEY is required when NODE_ENV=production',
        'PUBLIC_URL is required when NODE_ENV=production',
      ]);
    }
  });

  it('lists every malformed variable with a clear message', () => {
    expect.assertions(1);
    try {
      loadConfig({
        PORT: 'eighty',
        MONGODB_URI: 'postgres://x',
        TELEGRAM_BOT_TOKEN: 'nope',
        ENCRYPTION_KEY: 'short',
        CRON_ENABLED: 'true',
        DATA_DIR: tempDataDir(),
      });
    } catch (error) {
      const text = (error as ConfigError).message;
      expect(
        ['PORT', 'MONGODB_URI', 'TELEGRAM_BOT_TOKEN', 'ENCRYPTION_KEY'].every((name) =>
          text.includes(name),
        ),
      ).toBe(true);
    }
  });

  it('derives the Telegram mode: webhook with a secret, polling without, explicit mode wins', () => {
    const base = {
      DATA_DIR: tempDataDir(),
      TELEGRAM_BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ',
    };
    expect(loadConfig(base).config.telegram.mode).toBe('polling');
    expect(
      loadConfig({ ...base, TELEGRAM_WEBHOOK_SECRET: 'a'.repeat(20) }).config.telegram.mode,
    ).toBe('webhook');
    expect(loadConfig({ ...base, TELEGRAM_MODE: 'off' }).config.telegram.mode).toBe('off');
  });

  it('parses admin ids, key rings and booleans', () => {
    const key = `hex:${'ab'.repeat(32)}`;
    const { config } = loadConfig({
      DATA_DIR: tempDataDir(),
      ADMIN_TELEGRAM_IDS: '111, 222',
      JWT_SECRET: 'x'.repeat(40),
      ENCRYPTION_KEY: key,
      ENCRYPTION_KEYS_PREVIOUS: `base64:${Buffer.alloc(32, 1).toString('base64')}`,
      CRON_ENABLED: 'false',
    });
    expect(config.telegram.adminIds).toEqual([111, 222]);
    expect(config.encryptionKey.equals(Buffer.alloc(32, 0xab))).toBe(true);
    expect(config.previousEncryptionKeys[0].equals(Buffer.alloc(32, 1))).toBe(true);
    expect(config.cronEnabled).toBe(false);
  });
});
