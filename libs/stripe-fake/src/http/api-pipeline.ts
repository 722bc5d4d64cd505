import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeCore } from '../core';
import { invalidRequest, StripeApiError } from '../errors';
import { newId } from '../ids';
import type { AccountState } from '../state/account-state';
import { expandResponse } from '../services/expand';
import { authenticate } from './auth';
import { faultError } from './faults';
import { decodeForm, FormDecodeError, type FormObject } from './form-decoder';
import type { StoredResponse } from './idempotency';
import { Params } from './params';
import type { RouteDef } from './router';

/**
 * One `/v1` request, in Stripe's order: authenticate, parse, route, injected faults, idempotency,
 * then the handler and `expand[]`. Every request is recorded, whatever its outcome.
 */
export async function handleApiRequest(input: {
  core: FakeCore;
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  body: string;
}): Promise<void> {
  const { core, request, response, url } = input;
  const method = request.method ?? 'GET';
  const requestId = newId('request');
  const entry = core.log.record({
    at: new Date(),
    method,
    path: url.pathname,
    route: null,
    secretKey: null,
    params: {},
    headers: {
      idempotencyKey: header(request, 'idempotency-key'),
      stripeAccount: header(request, 'stripe-account'),
      stripeVersion: header(request, 'stripe-version'),
    },
    status: 0,
    replayed: false,
    fault: null,
  });
  const answer = (stored: StoredResponse, extra: Record<string, string> = {}): void => {
    entry.status = stored.status;
    writeJson(response, stored, {
      'Request-Id': requestId,
      'Stripe-Version': entry.headers.stripeVersion ?? core.env.apiVersion,
      ...(entry.headers.idempotencyKey ? { 'Idempotency-Key': entry.headers.idempotencyKey } : {}),
      ...extra,
    });
  };

  try {
    const secretKey = authenticate(request.headers.authorization, core.store);
    entry.secretKey = secretKey;
    entry.params = parseParams(url, input.body);
    const match = core.router.match(method, url.pathname);
    if (!match) {
      throw unrecognizedUrl(method, url.pathname);
    }
    entry.route = match.key;

    // Faults act in front of the API (a load balancer, a rate limiter): nothing is stored for
    // the idempotency key, so a retry with the same key reaches the handler.
    const fault = core.faults.take(match.key, secretKey);
    if (fault) {
      entry.fault = fault.kind;
      if (fault.kind === 'disconnect') {
        request.socket.destroy();
        return;
      }
      if (fault.kind !== 'delay') {
        throw faultError(fault.kind);
      }
    }

    const idempotencyKey = method === 'POST' ? entry.headers.idempotencyKey : null;
    const idempotency = idempotencyKey ? core.idempotencyFor(secretKey) : null;
    if (idempotency && idempotencyKey) {
      const decision = idempotency.begin(
        idempotencyKey,
        `${method} ${url.pathname} ${JSON.stringify(entry.params)}`,
      );
      if (decision.kind === 'replay') {
        entry.replayed = true;
        answer(decision.response, { 'Idempotent-Replayed': 'true' });
        return;
      }
      if (decision.kind === 'reject') {
        throw decision.error;
      }
    }
    try {
      if (fault?.kind === 'delay') {
        await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      }
      const stored = execute({
        route: match.route,
        account: core.store.forKey(secretKey),
        params: entry.params,
        path: match.path,
        origin: { requestId, idempotencyKey: entry.headers.idempotencyKey },
      });
      if (idempotency && idempotencyKey) {
        idempotency.finish(idempotencyKey, stored);
      }
      answer(stored);
    } catch (error) {
      if (idempotency && idempotencyKey) {
        idempotency.abandon(idempotencyKey);
      }
      throw error;
    }
  } catch (error) {
    answer(toStored(asApiError(error)));
  }
}

function execute(input: {
  route: RouteDef;
  account: AccountState;
  params: FormObject;
  path: Record<string, string>;
  origin: { requestId: string; idempotencyKey: string | null };
}): StoredResponse {
  const params = new Params(input.params);
  try {
    const result = input.route.handle({
      account: input.account,
      params,
      path: input.path,
      origin: input.origin,
    });
    const body = expandResponse(input.account, result, params.stringList('expand'));
    // Serialised now: the stored object changes later, the answer (and its replay) must not.
    return { status: 200, body: JSON.stringify(body) };
  } catch (error) {
    if (error instanceof StripeApiError) {
      return toStored(error);
    }
    throw error;
  }
}

function parseParams(url: URL, body: string): FormObject {
  try {
    return { ...decodeForm(url.search.slice(1)), ...decodeForm(body) };
  } catch (error) {
    if (error instanceof FormDecodeError) {
      throw invalidRequest(error.message);
    }
    throw error;
  }
}

function unrecognizedUrl(method: string, path: string): StripeApiError {
  return new StripeApiError({
    status: 404,
    type: 'invalid_request_error',
    message: `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
  });
}

/** A bug in the fake answers 500 with its message, so the failing test shows the cause. */
function asApiError(error: unknown): StripeApiError {
  if (error instanceof StripeApiError) {
    return error;
  }
  const message = error instanceof Error ? error.message : String(error);
  return new StripeApiError({ status: 500, type: 'api_error', message: `stripe-fake: ${message}` });
}

function toStored(error: StripeApiError): StoredResponse {
  return { status: error.status, body: JSON.stringify(error.toBody()) };
}

function header(request: IncomingMessage, name: string): string | null {
  const value = request.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

export function writeJson(
  response: ServerResponse,
  stored: StoredResponse,
  headers: Record<string, string> = {},
): void {
  if (response.writableEnded || response.destroyed) {
    return;
  }
  const payload = stored.body;
  response.writeHead(stored.status, {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(payload)),
    ...headers,
  });
  response.end(payload);
}
