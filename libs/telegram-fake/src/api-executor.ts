import type { ApiCall } from './call-log';
import type { FakeCore } from './core';
import { Errors, TelegramApiError, tooManyRequests } from './errors';
import { faultDescription, type FaultRule } from './faults';
import type { MethodRegistry } from './methods/registry';
import type { Params, RawParams } from './params';
import type { RateLimitTicket } from './rate-limiter';
import type { ApiResponse } from './types';

export interface ApiRequest {
  token: string;
  method: string;
  params: Params;
  /** Registers a listener for the client going away (never fires for webhook replies). */
  onClose(listener: () => void): void;
  viaWebhookReply?: boolean;
}

export interface ApiResult {
  status: number;
  body: ApiResponse;
}

/** Raised when a hanging call's client disconnected: there is nobody to answer. */
class ClientGone extends Error {}

/**
 * The request pipeline: token -> method -> injected faults -> rate limits -> method, with every
 * call recorded. HTTP status always equals error_code, as on Telegram.
 */
export class ApiExecutor {
  constructor(
    private readonly core: FakeCore,
    private readonly registry: MethodRegistry,
  ) {}

  async execute(request: ApiRequest): Promise<ApiResult | undefined> {
    const at = Date.now();
    const bot = this.core.bots.byTokenOrUndefined(request.token);
    const found = this.registry.find(request.method);
    const method = found?.name ?? request.method;
    let injected: ApiCall['injected'];
    let ticket: RateLimitTicket | undefined;
    try {
      if (!bot) {
        throw Errors.unauthorized();
      }
      if (!found) {
        throw Errors.methodNotFound();
      }
      const fault = this.core.faults.match(method, request.token, request.params.raw.chat_id);
      if (fault) {
        const error = await this.applyFault(fault, request);
        if (error) {
          injected = 'fault';
          throw error;
        }
      }
      if (this.core.rateLimiter.counts(method)) {
        const outcome = this.core.rateLimiter.acquire(
          bot.id,
          this.chatIdFor(request.params),
          this.core.clock.nowMs(),
        );
        if ('retryAfter' in outcome) {
          injected = 'rate_limit';
          throw tooManyRequests(outcome.retryAfter);
        }
        ticket = outcome.ticket;
      }
      const pending = found.handler({
        core: this.core,
        bot,
        params: request.params,
        method,
        onClose: (listener) => request.onClose(listener),
      });
      // Synchronous methods are recorded in the same tick as their effects, so a test that
      // awaited an effect (waitFor) always finds the call in the log too.
      const result = pending instanceof Promise ? ((await pending) as unknown) : pending;
      this.record(request, method, at, bot.id, { ok: true, result });
      return { status: 200, body: { ok: true, result } };
    } catch (error) {
      if (ticket) {
        this.core.rateLimiter.release(ticket);
      }
      if (error instanceof ClientGone) {
        this.record(request, method, at, bot?.id, {
          ok: false,
          error_code: 499,
          description: 'client closed request',
          injected: 'fault',
        });
        return undefined;
      }
      const apiError =
        error instanceof TelegramApiError
          ? error
          : new TelegramApiError(
              500,
              `Internal Server Error: ${(error as Error)?.message ?? String(error)}`,
            );
      this.record(request, method, at, bot?.id, {
        ok: false,
        error_code: apiError.error_code,
        description: apiError.description,
        ...(injected ? { injected } : {}),
      });
      return { status: apiError.error_code, body: apiError.toResponse() };
    }
  }

  private async applyFault(
    fault: FaultRule,
    request: ApiRequest,
  ): Promise<TelegramApiError | undefined> {
    // A delay is like a slow Telegram: the call still happens even if the client gave up.
    if (fault.delayMs) {
      await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    }
    if (fault.hang) {
      let gone = false;
      await new Promise<void>((resolve) => {
        const wait = this.core.faults.waitForRelease(fault.id);
        void wait.promise.then(resolve);
        request.onClose(() => {
          gone = true;
          wait.cancel();
          resolve();
        });
      });
      if (gone) {
        throw new ClientGone();
      }
    }
    if (!fault.error) {
      return undefined;
    }
    const retryAfter = fault.error.retryAfter ?? (fault.error.code === 429 ? 1 : undefined);
    return new TelegramApiError(
      fault.error.code,
      faultDescription({ ...fault.error, retryAfter }),
      retryAfter !== undefined ? { retry_after: retryAfter } : undefined,
    );
  }

  /** The numeric chat a send targets, for per-chat rate limits (@username is resolved). */
  private chatIdFor(params: Params): number | undefined {
    const raw = params.raw.chat_id;
    if (typeof raw === 'number') {
      return raw;
    }
    if (typeof raw !== 'string') {
      return undefined;
    }
    if (/^-?\d+$/.test(raw.trim())) {
      return Number(raw);
    }
    return this.core.chats.findByUsername(raw)?.id;
  }

  private record(
    request: ApiRequest,
    method: string,
    at: number,
    botId: number | undefined,
    outcome: Pick<ApiCall, 'ok' | 'error_code' | 'description' | 'result' | 'injected'>,
  ): void {
    this.core.calls.record({
      method,
      token: request.token,
      ...(botId !== undefined ? { botId } : {}),
      params: recordedParams(request.params),
      at,
      ...outcome,
      ...(request.viaWebhookReply ? { viaWebhookReply: true } : {}),
    });
    this.core.changed();
  }
}

/** Parameters as recorded: JSON-looking strings parsed, uploads summarised. */
function recordedParams(params: Params): RawParams {
  const out: RawParams = {};
  for (const [key, value] of Object.entries(params.raw)) {
    if (typeof value === 'string' && /^[[{]/.test(value)) {
      try {
        out[key] = JSON.parse(value) as unknown;
        continue;
      } catch {
        // Not JSON after all; keep the string.
      }
    }
    out[key] = value;
  }
  for (const [key, file] of params.files) {
    out[key] = { file: file.fileName, size: file.data.length, content_type: file.contentType };
  }
  return out;
}
