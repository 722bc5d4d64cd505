import type { MembershipView } from '../memberships/membership.types';
import { ERASED_TELEGRAM_USER_ID } from '../memberships/membership.types';

export const CSV_HEADER = [
  'id',
  'plan_id',
  'telegram_user_id',
  'external_user_id',
  'status',
  'expires_at',
  'grace_ends_at',
  'chat_ids',
  'channel_titles',
  'email',
  'name',
  'phone',
  'created_at',
  'ended_at',
];

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF, quotes doubled. A
 * value a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
 * apostrophe, so a customer's name cannot execute in the seller's spreadsheet (OWASP CSV injection).
 */
export function csvField(value: string | number | undefined | null): string {
  if (value === undefined || value === null) {
    return '';
  }
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) {
    text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(fields: Array<string | number | undefined | null>): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

export function memberCsvLine(m: MembershipView): string {
  return csvLine([
    m.id,
    m.planId,
    m.telegramUserId === ERASED_TELEGRAM_USER_ID ? '' : m.telegramUserId,
    m.externalUserId,
    m.status,
    m.expiresAt?.toISOString(),
    m.graceEndsAt?.toISOString(),
    m.channels.map((c) => c.chatId).join(' '),
    m.channels.map((c) => c.title ?? '').join(' | '),
    m.customer.email,
    m.customer.name,
    m.customer.phone,
    m.createdAt.toISOString(),
    m.endedAt?.toISOString(),
  ]);
}
