/**
 * What the bot tells a banned user, once per ban. Kept with the users domain (the bot's shared
 * catalogue in src/telegram/texts is the bot module's own); same `{name}`-free English text.
 */
export const BAN_NOTICE_TEXT =
  'Your access to this bot has been suspended by the platform administrators, so it will not ' +
  'answer your messages. If you think this is a mistake, contact the seller or the platform ' +
  'support.';
