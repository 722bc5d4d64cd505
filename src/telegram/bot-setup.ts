import type { BotCommand } from 'telegraf/types';
import { t } from './texts/t';

/**
 * The update types we ask Telegram for. chat_member must be listed explicitly (Telegram leaves
 * it out by default); pre_checkout_query is for the payments module's handlers.
 */
export const ALLOWED_UPDATES = [
  'message',
  'callback_query',
  'chat_member',
  'my_chat_member',
  'chat_join_request',
  'pre_checkout_query',
] as const;

/** The command menu registered with setMyCommands at boot. */
export function botCommands(): BotCommand[] {
  return [
    { command: 'start', description: t('command.start') },
    { command: 'access', description: t('command.access') },
    { command: 'help', description: t('command.help') },
  ];
}
