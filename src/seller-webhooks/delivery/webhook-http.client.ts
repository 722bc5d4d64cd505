import { Inject, Injectable } from '@nestjs/common';
import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { request as httpRequest, IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { isPrivateAddress } from '../private-address';

export interface WebhookHttpRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  /** Aborted when the outbox gives up on the call or the application stops. */
  signal: AbortSignal;
}

export interface WebhookHttpResponse {
  statusCode: number;
  /** The start of the answer (RESPONSE_KEEP_BYTES at most), for the delivery log. */
  body: string;
}

export type TransportFailure = 'TIMEOUT' | 'NETWORK' | 'ADDRESS_REFUSED' | 'ABORTED';

/** No answer came: the request timed out, the connection failed, or the address was refused. */
export class WebhookTransportError extends Error {
  constructor(
    readonly failure: TransportFailure,
    message: string,
  ) {
    super(message);
    this.name = 'WebhookTransportError';
  }
}

/** Outbound HTTP behind an adapter: unit tests answer themselves, e2e tests use a local server. */
export abstract class WebhookHttpClient {
  abstract post(request: WebhookHttpRequest): Promise<WebhookHttpResponse>;
}

const RESPONSE_KEEP_BYTES = 1_024;
/** We read (and throw away) at most this much of an answer before closing the connection. */
const RESPONSE_READ_LIMIT_BYTES = 64 * 1_024;
const ADDRESS_REFUSED = 'EADDRESSREFUSED';

/**
 * node:http(s), no redirects followed (a 3xx is a failed delivery). In production the socket may
 * only connect to public addresses: the check runs in the DNS lookup of the connection itself,
 * so a name that resolves to a public address when the URL is checked and to a private one a
 * moment later (DNS rebinding) is still refused. IP literals skip DNS; WebhookUrlPolicy checks
 * those before the request.
 */
@Injectable()
export class NodeWebhookHttpClient extends WebhookHttpClient {
  private readonly publicOnly: boolean;

  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'nodeEnv'>) {
    super();
    this.publicOnly = config.nodeEnv === 'production';
  }

  post(req: WebhookHttpRequest): Promise<WebhookHttpResponse> {
    const url = new URL(req.url);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const timeout = AbortSignal.timeout(req.timeoutMs);
    const signal = AbortSignal.any([req.signal, timeout]);
    return new Promise<WebhookHttpResponse>((resolve, reject) => {
      const fail = (error: Error & { code?: string }): void => {
        if (timeout.aborted) {
          reject(new WebhookTransportError('TIMEOUT', `no answer within ${req.timeoutMs} ms`));
        } else if (req.signal.aborted) {
          reject(new WebhookTransportError('ABORTED', 'the delivery was stopped'));
        } else if (error.code === ADDRESS_REFUSED) {
          reject(new WebhookTransportError('ADDRESS_REFUSED', error.message));
        } else {
          reject(new WebhookTransportError('NETWORK', error.code ?? error.message));
        }
      };
      const outgoing = send(
        url,
        {
          method: 'POST',
          headers: { ...req.headers, 'Content-Length': String(Buffer.byteLength(req.body)) },
          signal,
          ...(this.publicOnly ? { lookup: publicOnlyLookup } : {}),
        },
        (response) => {
          readStart(response)
            .then((body) => resolve({ statusCode: response.statusCode ?? 0, body }))
            .catch(fail);
        },
      );
      outgoing.on('error', fail);
      outgoing.end(req.body);
    });
  }
}

/** Reads the first bytes of an answer and closes it; enough to log, never unbounded. */
function readStart(response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (): void => {
      resolve(Buffer.concat(chunks).subarray(0, RESPONSE_KEEP_BYTES).toString('utf8'));
    };
    response.on('data', (chunk: Buffer) => {
      if (size < RESPONSE_KEEP_BYTES) {
        chunks.push(chunk);
      }
      size += chunk.length;
      if (size >= RESPONSE_READ_LIMIT_BYTES) {
        response.destroy();
        finish();
      }
    });
    response.on('end', finish);
    response.on('error', reject);
  });
}

/** dns.lookup that fails when any address of the name is private, loopback or reserved. */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) {
      callback(error, '', 0);
      return;
    }
    if (addresses.length === 0 || addresses.some((a) => isPrivateAddress(a.address))) {
      const refused = Object.assign(
        new Error(`${hostname} resolves to a private, loopback or reserved address`),
        { code: ADDRESS_REFUSED },
      );
      callback(refused, '', 0);
      return;
    }
    if (options.all) {
      callback(null, addresses);
    } else {
      callback(null, addresses[0].address, addresses[0].family);
    }
  });
};
