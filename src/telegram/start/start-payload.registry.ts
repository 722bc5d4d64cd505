import { Injectable } from '@nestjs/common';
import type { Convenience } from 'telegraf/types';
import { StartPayload, StartPayloadType } from './start-payload';

/** Who pressed START, and a way to answer them, without handing telegraf's context around. */
export interface StartRequest<T extends StartPayloadType = StartPayloadType> {
  payload: Extract<StartPayload, { type: T }>;
  user: { id: number; username?: string; firstName: string; languageCode?: string };
  chatId: number;
  reply(text: string, extra?: Convenience.ExtraReplyMessage): Promise<void>;
}

export type StartPayloadHandler<T extends StartPayloadType = StartPayloadType> = (
  request: StartRequest<T>,
) => Promise<void>;

/**
 * Domains register what a deep link of their kind does (plans, claims, referrals), typically in
 * their module's onModuleInit. The bot module parses the payload and calls the one handler for
 * its type; a type nobody handles gets the welcome text.
 */
@Injectable()
export class StartPayloadRegistry {
  private readonly handlers = new Map<StartPayloadType, StartPayloadHandler>();

  register<T extends StartPayloadType>(type: T, handler: StartPayloadHandler<T>): void {
    if (this.handlers.has(type)) {
      throw new Error(`A start payload handler for "${type}" is already registered`);
    }
    // Stored under its own type and only called with payloads of that type (see dispatch).
    this.handlers.set(type, handler as unknown as StartPayloadHandler);
  }

  /** True when a registered handler took the request. */
  async dispatch(request: StartRequest): Promise<boolean> {
    const handler = this.handlers.get(request.payload.type);
    if (!handler) {
      return false;
    }
    await handler(request);
    return true;
  }
}
