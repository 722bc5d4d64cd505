import type { INestApplication, ModuleMetadata } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { getConnectionToken } from '@nestjs/mongoose';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'mongoose';
import request from 'supertest';
import { createApp } from '../../src/bootstrap';
import type { Clock } from '../../src/common/clock/clock';
import type { AppConfig } from '../../src/config/app-config';
import { loadConfig } from '../../src/config/load-config';

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  dbName: string;
  http: () => ReturnType<typeof request>;
  connection: Connection;
  close: () => Promise<void>;
}

export interface TestAppOptions {
  /** Environment on top of the test defaults, as an operator would write it. */
  env?: Record<string, string>;
  /** Share one database between several app instances (multi-instance tests). */
  dbName?: string;
  clock?: Clock;
  extraImports?: ModuleMetadata['imports'];
  /** Listen on a real port (needed when an outside process, like the fake Telegram, calls us). */
  listen?: boolean;
}

export function uniqueDbName(prefix = 'test'): string {
  return `${prefix}_${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(5).toString('hex')}`;
}

export function testMongoUri(dbName: string): string {
  const base = process.env.MEMBERGATE_TEST_MONGODB_URI;
  if (!base) {
    throw new Error('MEMBERGATE_TEST_MONGODB_URI is not set: run tests through jest.config.ts');
  }
  return `${base.replace(/\/$/, '')}/${dbName}`;
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dbName = options.dbName ?? uniqueDbName();
  const { config } = loadConfig({
    NODE_ENV: 'test',
    MONGODB_URI: testMongoUri(dbName),
    DATA_DIR: mkdtempSync(join(tmpdir(), 'membergate-test-data-')),
    JWT_SECRET: 'test-jwt-secret-that-is-long-enough-0123456789',
    ENCRYPTION_KEY: `base64:${Buffer.alloc(32, 7).toString('base64')}`,
    PUBLIC_URL: 'http://localhost:3000',
    CRON_ENABLED: 'false',
    THROTTLE_LIMIT: '100000',
    ...options.env,
  });
  const app = await createApp({ config, clock: options.clock, extraImports: options.extraImports });
  if (options.listen) {
    await app.listen(0, '127.0.0.1');
  } else {
    await app.init();
  }
  const connection = app.get<Connection>(getConnectionToken());
  return {
    app,
    config,
    dbName,
    connection,
    http: () => request(app.getHttpServer()),
    close: () => closeApp(app, connection, options.dbName === undefined),
  };
}

/** Drops the file's own database, and refuses to outside the test environment. */
async function closeApp(
  app: INestApplication,
  connection: Connection,
  dropDb: boolean,
): Promise<void> {
  if (dropDb) {
    if (process.env.NODE_ENV !== 'test') {
      throw new Error('Refusing to drop a database outside NODE_ENV=test');
    }
    await connection.dropDatabase().catch(() => undefined);
  }
  await app.close();
}

export function appUrl(app: INestApplication): string {
  const address = (app.getHttpServer() as import('node:http').Server).address();
  if (address === null || typeof address === 'string') {
    throw new Error('The app is not listening');
  }
  return `http://127.0.0.1:${address.port}`;
}
