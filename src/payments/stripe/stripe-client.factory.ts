import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import Stripe from 'stripe';
import { AppException } from '../../common/errors/app.exception';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import type { StripeCredentials } from '../../payment-settings/payment-settings.service';

/** Stripe answers in well under this; a hung connection must not hold a checkout request. */
const TIMEOUT_MS = 10_000;
/** The SDK retries network errors and 409/5xx with the same idempotency key. */
const MAX_NETWORK_RETRIES = 2;

type Endpoint = Pick<Stripe.StripeConfig, 'host' | 'port' | 'protocol'>;

/**
 * The one place that constructs the Stripe SDK: for the platform's account (STRIPE_SECRET_KEY) or
 * a seller's own account (dual mode). STRIPE_API_BASE points it elsewhere (a fake in tests,
 * stripe-mock locally). Clients are cached per key; a key is only kept in the cache's client.
 */
@Injectable()
export class StripeClientFactory {
  private readonly clients = new Map<string, Stripe>();
  private readonly endpoint: Endpoint;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.endpoint = endpointOf(config.stripe.apiBase);
  }

  /** The platform account's client; 503 STRIPE_NOT_CONFIGURED without STRIPE_SECRET_KEY. */
  forPlatform(): Stripe {
    const key = this.config.stripe.secretKey;
    if (!key) {
      throw new AppException(
        HttpStatus.SERVICE_UNAVAILABLE,
        'STRIPE_NOT_CONFIGURED',
        'Card payments are not configured on this server (STRIPE_SECRET_KEY is unset)',
      );
    }
    return this.client(key);
  }

  forSeller(credentials: { secretKey: string }): Stripe {
    return this.client(credentials.secretKey);
  }

  /** The client of whichever account a seller's payment settings name. */
  forCredentials(credentials: StripeCredentials): Stripe {
    return credentials.mode === 'own' ? this.forSeller(credentials) : this.forPlatform();
  }

  /**
   * Verifies a webhook's `Stripe-Signature` over the raw body with the SDK's own check (HMAC,
   * constant-time compare, 5-minute timestamp tolerance) and parses it. Throws when it fails.
   */
  constructEvent(rawBody: Buffer, signature: string, secret: string): Stripe.Event {
    return Stripe.webhooks.constructEvent(rawBody, signature, secret);
  }

  private client(secretKey: string): Stripe {
    const cacheKey = createHash('sha256').update(secretKey).digest('hex');
    let client = this.clients.get(cacheKey);
    if (!client) {
      client = new Stripe(secretKey, {
        ...this.endpoint,
        maxNetworkRetries: MAX_NETWORK_RETRIES,
        timeout: TIMEOUT_MS,
        telemetry: false,
        appInfo: { name: 'Membergate' },
      });
      this.clients.set(cacheKey, client);
    }
    return client;
  }
}

function endpointOf(apiBase: string | undefined): Endpoint {
  if (!apiBase) {
    return {};
  }
  const url = new URL(apiBase);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : protocol === 'http' ? 80 : 443,
    protocol,
  };
}
