/**
 * Bot API object shapes the fake produces. They mirror https://core.telegram.org/bots/api
 * field for field (only the subset Membergate touches); optional fields are omitted rather
 * than set to undefined, exactly as Telegram omits them in its JSON.
 */

export * from './chat';
export * from './message';
export * from './members';
export * from './updates';
