import type { ApiResponse } from '../types';

export interface RawApiResult<T = unknown> {
  status: number;
  body: ApiResponse & { result?: T };
}

/**
 * Calls the fake (or any Bot API server) without telegraf, to assert exact envelopes and HTTP
 * statuses. Parameters are sent as JSON, like telegraf does for calls without uploads.
 */
export async function callBotApi<T = unknown>(
  apiRoot: string,
  token: string,
  method: string,
  params: Record<string, unknown> = {},
  init: { signal?: AbortSignal } = {},
): Promise<RawApiResult<T>> {
  const response = await fetch(`${apiRoot}/bot${token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
    signal: init.signal,
  });
  return { status: response.status, body: (await response.json()) as RawApiResult<T>['body'] };
}

/** The result of a call that must succeed; throws with Telegram's description otherwise. */
export async function okResult<T = unknown>(
  apiRoot: string,
  token: string,
  method: string,
  params: Record<string, unknown> = {},
): Promise<T> {
  const { body } = await callBotApi<T>(apiRoot, token, method, params);
  if (!body.ok) {
    throw new Error(`${method} failed: ${body.error_code} ${body.description}`);
  }
  return body.result as T;
}
