import { sleep } from '@app/common';
import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import type Stripe from 'stripe';
import { Clock } from '../../common/clock/clock';
import { AppException } from '../../common/errors/app.exception';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { PaymentSettingsService } from '../../payment-settings/payment-settings.service';
import { toObjectId } from '../../sellers/tenancy/object-id';
import { StripeChargeEvents } from './stripe-charge-events';
import { StripeCheckoutEvents } from './stripe-checkout-events';
import { StripeClientFactory } from './stripe-client.factory';
import { StripeEventRepository } from './stripe-event.repository';
import { StripeInvoiceEvents } from './stripe-invoice-events';
import { scopeKey, StripeScope } from './stripe-scope';
import { StripeSubscriptionEvents } from './stripe-subscription-events';

/** A delivery still running after this long died with its process: the next one takes over. */
const STALE_CLAIM_MS = 60_000;
/** How long a concurrent duplicate waits for the first delivery to finish before giving up. */
const DUPLICATE_WAIT_MS = 5_000;
const DUPLICATE_POLL_MS = 25;

export interface WebhookAnswer {
  received: true;
  /** Already processed: nothing was done this time. */
  duplicate?: true;
}

type Handler = (event: Stripe.Event, scope: StripeScope) => Promise<string>;

/**
 * Stripe webhooks: verify the signature on the raw body with the endpoint's secret, record the
 * event (unique per endpoint and event id), process it, answer. Processing is local database work
 * only (Telegram actions are queued in the outbox by the grant's listeners), so Stripe gets its
 * 2xx fast. A failure answers 500 and Stripe delivers again; the record then says `failed` and
 * the redelivery processes it again, every step being idempotent.
 */
@Injectable()
export class StripeWebhookService {
  private readonly logger = new Logger(StripeWebhookService.name);
  private readonly handlers: Partial<Record<Stripe.Event.Type, Handler>>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clients: StripeClientFactory,
    private readonly settings: PaymentSettingsService,
    private readonly records: StripeEventRepository,
    private readonly checkout: StripeCheckoutEvents,
    private readonly invoices: StripeInvoiceEvents,
    private readonly subscriptions: StripeSubscriptionEvents,
    private readonly charges: StripeChargeEvents,
    private readonly clock: Clock,
  ) {
    const object = <T>(event: Stripe.Event): T => event.data.object as T;
    this.handlers = {
      'checkout.session.completed': (e, s) => this.checkout.completed(object(e), s),
      'checkout.session.async_payment_succeeded': (e, s) => this.checkout.completed(object(e), s),
      'checkout.session.expired': (e, s) => this.checkout.expired(object(e), s),
      'invoice.paid': (e, s) => this.invoices.paid(object(e), s),
      'invoice.payment_failed': (e, s) => this.invoices.paymentFailed(object(e), s),
      'customer.subscription.updated': (e, s) =>
        this.subscriptions.changed({
          subscription: object(e),
          deleted: false,
          eventId: e.id,
          scope: s,
        }),
      'customer.subscription.deleted': (e, s) =>
        this.subscriptions.changed({
          subscription: object(e),
          deleted: true,
          eventId: e.id,
          scope: s,
        }),
      'charge.refunded': (e, s) => this.charges.refunded(object(e), s),
    };
  }

  /** The platform account's endpoint. */
  async receivePlatform(
    rawBody: Buffer | undefined,
    signature: string | undefined,
  ): Promise<WebhookAnswer> {
    const secret = this.config.stripe.webhookSecret;
    if (!secret) {
      throw new AppException(
        HttpStatus.SERVICE_UNAVAILABLE,
        'STRIPE_NOT_CONFIGURED',
        'STRIPE_WEBHOOK_SECRET is not set on this server',
      );
    }
    return this.receive({ kind: 'platform' }, this.verify(rawBody, signature, secret));
  }

  /** A seller's own-account endpoint, verified with that seller's secret only. */
  async receiveForSeller(
    sellerId: string,
    rawBody: Buffer | undefined,
    signature: string | undefined,
  ): Promise<WebhookAnswer> {
    const credentials = toObjectId(sellerId)
      ? await this.settings.getStripeCredentials(sellerId)
      : undefined;
    if (credentials?.mode !== 'own') {
      throw AppException.notFound(
        'STRIPE_WEBHOOK_UNKNOWN',
        'No seller with their own Stripe account has this webhook',
      );
    }
    const event = this.verify(rawBody, signature, credentials.webhookSecret);
    return this.receive({ kind: 'own', sellerId }, event);
  }

  private verify(
    rawBody: Buffer | undefined,
    signature: string | undefined,
    secret: string,
  ): Stripe.Event {
    if (!rawBody || !signature) {
      throw invalidSignature();
    }
    try {
      return this.clients.constructEvent(rawBody, signature, secret);
    } catch {
      throw invalidSignature();
    }
  }

  private async receive(scope: StripeScope, event: Stripe.Event): Promise<WebhookAnswer> {
    const key = { scope: scopeKey(scope), eventId: event.id };
    const recorded = await this.records.tryRecord({
      ...key,
      type: event.type,
      at: this.clock.now(),
    });
    if (!recorded) {
      const existing = await this.records.find(key.scope, key.eventId);
      if (existing?.state === 'processed') {
        return { received: true, duplicate: true };
      }
      const stale =
        existing?.state === 'processing' &&
        this.clock.now().getTime() - existing.claimedAt.getTime() > STALE_CLAIM_MS;
      if (existing?.state === 'processing' && !stale) {
        return this.awaitFirstDelivery(key);
      }
      await this.records.takeOver({
        ...key,
        attempts: (existing?.attempts ?? 0) + 1,
        at: this.clock.now(),
      });
    }
    const handler = this.handlers[event.type];
    try {
      const outcome = handler ? await handler(event, scope) : 'ignored: event type not handled';
      await this.records.markProcessed({ ...key, outcome, at: this.clock.now() });
      return { received: true };
    } catch (error) {
      this.logger.error(
        `Stripe event ${event.id} (${event.type}) failed: ${(error as Error).message}`,
        (error as Error).stack,
      );
      await this.records.markFailed({ ...key, error: (error as Error).message });
      throw error;
    }
  }

  /**
   * The same event is being processed by another delivery right now (Stripe retried while we
   * were still working, or sent it twice). Wait for it; if it is still running, answer 409 so
   * Stripe tries again later rather than believing it was handled.
   */
  private async awaitFirstDelivery(key: {
    scope: string;
    eventId: string;
  }): Promise<WebhookAnswer> {
    const deadline = Date.now() + DUPLICATE_WAIT_MS;
    while (Date.now() < deadline) {
      await sleep(DUPLICATE_POLL_MS);
      const record = await this.records.find(key.scope, key.eventId);
      if (record?.state === 'processed') {
        return { received: true, duplicate: true };
      }
      if (record?.state === 'failed') {
        break;
      }
    }
    throw AppException.conflict(
      'STRIPE_EVENT_IN_PROGRESS',
      'This event is being processed by another delivery; retry later',
    );
  }
}

function invalidSignature(): AppException {
  return AppException.badRequest(
    'STRIPE_SIGNATURE_INVALID',
    'The Stripe-Signature header does not verify against this endpoint’s secret',
  );
}
