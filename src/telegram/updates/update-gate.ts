import type { Context, MiddlewareFn } from 'telegraf';
import type { Update } from 'telegraf/types';

/**
 * A check every incoming update passes before any handler sees it (the platform-wide ban of a
 * later issue plugs in here). Return false to drop the update: it is acknowledged to Telegram
 * and not handled.
 */
export interface UpdateGate {
  readonly name: string;
  allows(update: Update): boolean | Promise<boolean>;
}

/**
 * The gates in force, asked in registration order. With none registered every update passes.
 * Other modules add theirs with `register()` in onModuleInit, without touching the handlers.
 */
export class UpdateGates {
  private readonly gates: UpdateGate[] = [];

  register(gate: UpdateGate): void {
    this.gates.push(gate);
  }

  async allows(update: Update): Promise<boolean> {
    for (const gate of this.gates) {
      if (!(await gate.allows(update))) {
        return false;
      }
    }
    return true;
  }

  /** The telegraf middleware placed first in the bot's pipeline. */
  middleware(): MiddlewareFn<Context> {
    return async (ctx, next) => {
      if (await this.allows(ctx.update)) {
        await next();
      }
    };
  }
}
