/**
 * What the access domain tells members in the bot and by e-mail, in English. Keys are stable;
 * `{name}` placeholders are filled by `accessText()`.
 */
const en = {
  'links.ready': 'Your access is ready. Tap a button to join:',
  'links.rules':
    'Each link works once, only for your Telegram account, and expires in {hours} hours. ' +
    'Send /access any time for fresh links.',
  'links.joinRequest':
    'For {title}, tap the button and send a join request: it is approved at once.',
  'links.alreadyMember': 'You are already in {title}.',
  'links.failed': 'We could not create a link for {title} right now; send /access to try again.',
  'links.noneReady': 'We could not create your invite links right now. Send /access to try again.',
  'links.allSet': 'You are all set: your access to {channels} runs until {date}.',
  'links.button': 'Join {title}',
  'reminder.text': 'Your access to {channels} ends in {days} ({date}).',
  'reminder.button': 'Renew',
  'grace.text':
    'Your renewal payment did not go through. You keep access to {channels} until {date} ' +
    'while it is retried; please check your payment method.',
  'ended.expired': 'Your access to {channels} has ended. You are welcome back any time.',
  'ended.revoked': 'Your access to {channels} was ended by the seller or because of a refund.',
  'misused.text':
    'Someone else opened your invite link to {title}; they were removed and the link no longer ' +
    'works. Send /access for a new personal link.',
  'access.none': 'You have no active memberships right now.',
  'access.sending': 'Sending fresh invite links for {count} membership(s)…',
  'claim.done': 'Your payment is now linked to this Telegram account. Your invite links follow.',
  'claim.invalid': 'This link is not valid or has expired. Contact the seller if you paid.',
  'claim.taken': 'This payment was already linked to another Telegram account.',
  'email.subject': 'Your access is ready',
  'email.intro': 'Thank you for your purchase. Your personal invite links:',
  'email.footer':
    'Each link works once and only for your Telegram account, and expires in {hours} hours. ' +
    'For fresh links, send /access to @{bot} in Telegram.',
  'getlink.usage': 'Usage: /getlink 1m (or 2m, 1h, 1d): a test membership of that length.',
  'getlink.forbidden': 'This command is for administrators.',
  'getlink.noChannels': 'No channel is connected yet.',
  'getlink.choose': 'Pick the channel for a {duration} test membership:',
  'getlink.granted': 'Test membership for {title}: {duration}. Your link follows.',
} as const;

export type AccessTextKey = keyof typeof en;

export function accessText(
  key: AccessTextKey,
  params: Record<string, string | number> = {},
): string {
  return en[key].replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}

/** "3 days", "1 day", "5 hours"... for reminders. */
export function daysText(days: number): string {
  return days === 1 ? '1 day' : `${days} days`;
}

/** Channel titles of a membership, for texts; ids when a title is unknown. */
export function channelList(channels: { chatId: number; title?: string }[]): string {
  return channels.map((c) => c.title ?? String(c.chatId)).join(', ');
}

/** A date as members read it (UTC, minutes). */
export function dateText(date: Date | undefined): string {
  return date ? `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '';
}
