import type { FakeCore } from '../core';
import type { Params } from '../params';
import type { BotAccount } from '../state/bots';

/** What a Bot API method implementation receives. */
export interface MethodContext {
  core: FakeCore;
  bot: BotAccount;
  params: Params;
  method: string;
  /** Called when the HTTP client disconnects; long polling uses it to stop holding. */
  onClose(listener: () => void): void;
}

export type MethodHandler = (ctx: MethodContext) => unknown;

export type MethodTable = Record<string, MethodHandler>;
