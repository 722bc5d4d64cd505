import { TelegramError } from 'telegraf';
import { classifyTelegramError, redactToken } from './telegram-error.classifier';

function tgError(
  error_code: number,
  description: string,
  parameters?: { retry_after?: number; migrate_to_chat_id?: number },
): TelegramError {
  return new TelegramError({ error_code, description, parameters });
}

describe('classifyTelegramError', () => {
  it('waits retry_after on 429 without counting a failure', () => {
    expect(
      classifyTelegramError(tgError(429, 'Too Many Requests: retry after 7', { retry_after: 7 })),
    ).toEqual({
      type: 'throttled',
      retryAfterMs: 7_000,
      reason: '429: Too Many Requests: retry after 7',
    });
  });

  it('waits a second on a 429 without retry_after', () => {
    expect(classifyTelegramError(tgError(429, 'Too Many Requests'))).toMatchObject({
      type: 'throttled',
      retryAfterMs: 1_000,
    });
  });

  it.each([
    [403, 'Forbidden: bot was blocked by the user', 'BOT_BLOCKED'],
    [403, "Forbidden: bot can't initiate conversation with a user", 'CANT_INITIATE'],
    [403, 'Forbidden: bot was kicked from the supergroup chat', 'BOT_KICKED'],
    [403, 'Forbidden: user is deactivated', 'USER_DEACTIVATED'],
    [403, 'Forbidden: something new', 'FORBIDDEN'],
    [400, 'Bad Request: chat not found', 'CHAT_NOT_FOUND'],
    [400, 'Bad Request: user not found', 'USER_NOT_FOUND'],
    [400, 'Bad Request: not enough rights to manage chat invite link', 'NOT_ENOUGH_RIGHTS'],
    [400, 'Bad Request: CHAT_ADMIN_REQUIRED', 'NOT_ENOUGH_RIGHTS'],
    [400, 'Bad Request: need administrator rights in the channel chat', 'NOT_ENOUGH_RIGHTS'],
    [400, 'Bad Request: HIDE_REQUESTER_MISSING', 'JOIN_REQUEST_MISSING'],
    [400, 'Bad Request: USER_ALREADY_PARTICIPANT', 'USER_ALREADY_PARTICIPANT'],
    [400, 'Bad Request: message text is empty', 'BAD_REQUEST'],
  ])('fails %i "%s" at once as %s', (code, description, expected) => {
    expect(classifyTelegramError(tgError(code, description))).toEqual({
      type: 'failed',
      code: expected,
      reason: `${code}: ${description}`,
    });
  });

  it('treats "already a participant" as success where the kind says so', () => {
    expect(
      classifyTelegramError(tgError(400, 'Bad Request: USER_ALREADY_PARTICIPANT'), {
        alreadyDone: [/USER_ALREADY_PARTICIPANT/],
      }),
    ).toEqual({ type: 'done', result: { alreadyDone: true } });
  });

  it('fails a migrated group and names the new chat', () => {
    expect(
      classifyTelegramError(
        tgError(400, 'Bad Request: group chat was upgraded to a supergroup chat', {
          migrate_to_chat_id: -100123,
        }),
      ),
    ).toMatchObject({
      type: 'failed',
      code: 'CHAT_MIGRATED',
      reason: expect.stringContaining('-100123'),
    });
  });

  it.each([
    [500, 'Internal Server Error', 'TELEGRAM_UNAVAILABLE'],
    [502, 'Bad Gateway', 'TELEGRAM_UNAVAILABLE'],
    [401, 'Unauthorized', 'TELEGRAM_401'],
    [409, 'Conflict', 'TELEGRAM_409'],
  ])('retries %i', (code, description, expected) => {
    expect(classifyTelegramError(tgError(code, description))).toMatchObject({
      type: 'retry',
      code: expected,
    });
  });

  it('retries timeouts and aborted calls', () => {
    const abort = Object.assign(new Error('The user aborted a request.'), { name: 'AbortError' });
    expect(classifyTelegramError(abort)).toMatchObject({ type: 'retry', code: 'TIMEOUT' });
  });

  it('retries network errors without keeping the bot token', () => {
    const error = new Error(
      'request to http://127.0.0.1:1/bot123456:AAsecretTOKEN_x-y/sendMessage failed, reason: ECONNREFUSED',
    );
    const outcome = classifyTelegramError(error);
    expect(outcome).toMatchObject({ type: 'retry', code: 'NETWORK' });
    expect(JSON.stringify(outcome)).not.toContain('AAsecretTOKEN');
  });
});

describe('redactToken', () => {
  it('hides a bot token inside a URL', () => {
    expect(redactToken('/bot1:abc-DEF_1/getMe')).toBe('/bot[REDACTED]/getMe');
  });
});
