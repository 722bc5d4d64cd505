import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';

/**
 * Builds every model's indexes at boot and waits for them. Mongoose's autoIndex builds in the
 * background and swallows failures; unique indexes are what our idempotency rests on, so a missing
 * one must be loud, and must exist before the first request is served.
 */
@Injectable()
export class IndexBuilderService implements OnApplicationBootstrap {
  private readonly logger = new Logger(IndexBuilderService.name);

  constructor(@InjectConnection() private readonly connection: Connection) {}

  async onApplicationBootstrap(): Promise<void> {
    const failures = await this.buildAll();
    for (const failure of failures) {
      this.logger.error(`Index build failed for ${failure.model}: ${failure.error}`);
    }
  }

  async buildAll(): Promise<{ model: string; error: string }[]> {
    const results = await Promise.all(
      this.connection.modelNames().map(async (name) => {
        try {
          await this.connection.model(name).createIndexes();
          return undefined;
        } catch (error) {
          return { model: name, error: (error as Error).message };
        }
      }),
    );
    return results.filter((r): r is { model: string; error: string } => r !== undefined);
  }
}
