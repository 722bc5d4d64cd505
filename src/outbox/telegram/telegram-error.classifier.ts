import type { AttemptOutcome } from '../outbox-executor';

interface TelegramErrorLike {
  response: {
    error_code: number;
    description: string;
    parameters?: { retry_after?: number; migrate_to_chat_id?: number };
  };
}

export interface ClassifyOptions {
  /** Descriptions meaning "already the case" for this kind, which count as success. */
  alreadyDone?: RegExp[];
}

/** Refusals Telegram will repeat however often we ask, with our code for each. */
const PERMANENT: Array<[RegExp, string]> = [
  [/bot was blocked by the user/i, 'BOT_BLOCKED'],
  [/can't initiate conversation/i, 'CANT_INITIATE'],
  [/bot can't send messages to bots/i, 'RECIPIENT_IS_BOT'],
  [/user is deactivated/i, 'USER_DEACTIVATED'],
  [/bot was kicked/i, 'BOT_KICKED'],
  [/bot is not a member/i, 'BOT_NOT_MEMBER'],
  [/chat not found/i, 'CHAT_NOT_FOUND'],
  [/user not found|PARTICIPANT_ID_INVALID/i, 'USER_NOT_FOUND'],
  [
    /not enough rights|CHAT_ADMIN_REQUIRED|need administrator rights|have no rights/i,
    'NOT_ENOUGH_RIGHTS',
  ],
  [/HIDE_REQUESTER_MISSING/, 'JOIN_REQUEST_MISSING'],
  [/USER_ALREADY_PARTICIPANT/, 'USER_ALREADY_PARTICIPANT'],
  [/user is an administrator/i, 'USER_IS_ADMIN'],
  [/can't remove chat owner/i, 'USER_IS_OWNER'],
];

/**
 * What a failed Bot API call means for the job. 429 waits `retry_after` (not counted as a
 * failure); a refusal Telegram would repeat (403, and 400s about the chat, user or rights) fails
 * at once; everything else (network, timeouts, 5xx, 401/404/409 that an operator can fix) is
 * retried with back-off. Pure, so every case is unit-tested.
 */
export function classifyTelegramError(
  error: unknown,
  options: ClassifyOptions = {},
): AttemptOutcome {
  if (!isTelegramError(error)) {
    return classifyTransport(error);
  }
  const { error_code: code, description, parameters } = error.response;
  const reason = `${code}: ${description}`;
  if (options.alreadyDone?.some((pattern) => pattern.test(description))) {
    return { type: 'done', result: { alreadyDone: true } };
  }
  if (code === 429) {
    return { type: 'throttled', retryAfterMs: (parameters?.retry_after ?? 1) * 1000, reason };
  }
  if (parameters?.migrate_to_chat_id !== undefined) {
    return {
      type: 'failed',
      code: 'CHAT_MIGRATED',
      reason: `${reason} (now chat ${parameters.migrate_to_chat_id})`,
    };
  }
  if (code === 400 || code === 403) {
    const known = PERMANENT.find(([pattern]) => pattern.test(description));
    return {
      type: 'failed',
      code: known?.[1] ?? (code === 403 ? 'FORBIDDEN' : 'BAD_REQUEST'),
      reason,
    };
  }
  return { type: 'retry', code: code >= 500 ? 'TELEGRAM_UNAVAILABLE' : `TELEGRAM_${code}`, reason };
}

function classifyTransport(error: unknown): AttemptOutcome {
  const name = (error as { name?: unknown })?.name;
  const type = (error as { type?: unknown })?.type;
  if (name === 'AbortError' || type === 'aborted' || name === 'TimeoutError') {
    return { type: 'retry', code: 'TIMEOUT', reason: 'the call timed out or was aborted' };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { type: 'retry', code: 'NETWORK', reason: redactToken(message) };
}

function isTelegramError(error: unknown): error is TelegramErrorLike {
  const response = (error as { response?: unknown })?.response;
  return (
    typeof response === 'object' &&
    response !== null &&
    typeof (response as { error_code?: unknown }).error_code === 'number'
  );
}

/** A bot token in an error text (a URL in a network error) must never reach the database. */
export function redactToken(text: string): string {
  return text.replace(/bot\d+:[A-Za-z0-9_-]+/g, 'bot[REDACTED]');
}
