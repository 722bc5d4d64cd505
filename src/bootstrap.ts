import type { NestExpressApplication } from '@nestjs/platform-express';
import { NestFactory } from '@nestjs/core';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule, AppModuleOptions } from './app.module';
import { mountSwagger } from './docs/swagger';
import { mountTelegramWebhook } from './telegram/webhook/mount-telegram-webhook';

/**
 * Builds a fully configured application without listening. `main.ts` and the e2e tests share it,
 * so tests exercise the same middleware, filters and docs as production.
 */
export async function createApp(
  options: AppModuleOptions & { warnings?: string[] },
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    bufferLogs: true,
    // Body parsing runs as Nest middleware (JsonBodyMiddleware) so its errors get our error answer.
    bodyParser: false,
  });
  const logger = app.get(Logger);
  app.useLogger(logger);
  app.set('trust proxy', 'loopback');
  app.set('query parser', 'simple');
  mountTelegramWebhook(app, options.config);
  app.use(helmet());
  mountSwagger(app);
  for (const warning of options.warnings ?? []) {
    logger.warn(warning, 'Config');
  }
  return app;
}
