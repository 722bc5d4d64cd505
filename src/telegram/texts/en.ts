/**
 * Every text the bot shows users, in English. Keys are stable; other languages copy this object
 * with the same keys. `{name}` placeholders are filled by `t()`.
 */
export const en = {
  'start.welcome':
    'Welcome to {botName}!\n\nThis bot gives you access to paid Telegram communities. ' +
    'Open a link from a seller to see their plans, or send /help to learn more.',
  help:
    'How it works:\n' +
    '1. Open a plan link from a seller.\n' +
    '2. Pay with a card or with Telegram Stars.\n' +
    '3. Get a personal invite link to the channel or group.\n\n' +
    'Your invite link only works for your Telegram account.',
  'command.start': 'Start the bot',
  'command.help': 'How this bot works',
  'command.access': 'Get fresh links to your paid channels',
} as const;

export type TextKey = keyof typeof en;
