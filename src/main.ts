import { startEmbeddedDb, EmbeddedDb } from '@app/embedded-db';
import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import { createApp } from './bootstrap';
import { AppConfig } from './config/app-config';
import { ConfigError } from './config/config.error';
import { loadConfig } from './config/load-config';

const logger = new Logger('Main');
const dbLogger = new Logger('EmbeddedDb');

async function resolveDatabase(config: AppConfig): Promise<{ config: AppConfig; db?: EmbeddedDb }> {
  if (config.mongodbUri) {
    return { config };
  }
  logger.log('MONGODB_URI is not set: starting an embedded database');
  const db = await startEmbeddedDb({
    dataDir: join(config.dataDir, 'db'),
    preferred: config.embeddedDbEngine,
    log: (message) => dbLogger.log(message),
  });
  return { config: { ...config, mongodbUri: `${db.uri.replace(/\/$/, '')}/membergate` }, db };
}

async function main(): Promise<void> {
  const loaded = loadConfig(process.env);
  const { config, db } = await resolveDatabase(loaded.config);
  const app = await createApp({ config, warnings: loaded.warnings });
  let closing = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (closing) {
      return;
    }
    closing = true;
    logger.log(`${signal} received: shutting down`);
    await app.close();
    await db?.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen(config.port);
  logger.log(`Membergate listening on ${config.publicUrl} (docs at ${config.publicUrl}/docs)`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `Startup failed: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
  }
  process.exit(1);
});
