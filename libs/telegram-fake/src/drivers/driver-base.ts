import type { FakeCore } from '../core';
import type { BotAccount } from '../state/bots';
import type { ChatRecord } from '../state/chats';
import type { User } from '../types';

/** A bot given by token or id; omitted = the first bot created. */
export type BotRef = string | number;

/**
 * Root of the driver layers. The drivers are split by area (seed, user actions, membership,
 * payments, inspection) into a chain of classes so TelegramFakeServer exposes one flat API.
 */
export abstract class DriverBase {
  protected constructor(readonly core: FakeCore) {}

  protected botAccount(ref?: BotRef): BotAccount {
    return this.core.bot(ref);
  }

  protected chatRecord(chatId: number): ChatRecord {
    return this.core.chats.require(chatId);
  }

  protected userRecord(userId: number): User {
    return this.core.users.require(userId);
  }
}
