import { HttpStatus, Injectable } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import { RandomTokens } from '../common/crypto/random-tokens';
import { SecretBox } from '../common/crypto/secret-box';
import { AppException } from '../common/errors/app.exception';
import { WebhookEndpointRecord, WebhookEndpointRepository } from './webhook-endpoint.repository';
import type { DisabledReason } from './schemas/webhook-endpoint.schema';
import type { WebhookEventType } from './webhook-event-types';
import { WebhookUrlPolicy } from './webhook-url.policy';

export interface WebhookEndpointView {
  id: string;
  url: string;
  events: string[];
  description: string | null;
  enabled: boolean;
  disabledAt: Date | null;
  disabledReason: DisabledReason | null;
  secretLast4: string;
  createdAt: Date;
  updatedAt: Date;
}

/** What the delivery worker needs: where to send, and the secret(s) to sign with. */
export interface DeliverableEndpoint {
  id: string;
  url: string;
  secret: string;
  /** During the grace period after a rotation: sign with both, the receiver accepts either. */
  previousSecret?: string;
}

export const MAX_WEBHOOK_ENDPOINTS_PER_SELLER = 10;
/** After a rotation the old secret keeps signing this long, so receivers can switch over. */
export const PREVIOUS_SECRET_GRACE_MS = 24 * 60 * 60 * 1000;

const SECRET = 'secret';
const PREVIOUS_SECRET = 'previous_secret';
const contextOf = (endpointId: string, field: string): string =>
  `seller_webhook_endpoints:${endpointId}:${field}`;
const notFound = (): AppException =>
  AppException.notFound('WEBHOOK_ENDPOINT_NOT_FOUND', 'No such webhook endpoint');

@Injectable()
export class SellerWebhooksService {
  constructor(
    private readonly endpoints: WebhookEndpointRepository,
    private readonly urls: WebhookUrlPolicy,
    private readonly box: SecretBox,
    private readonly random: RandomTokens,
    private readonly clock: Clock,
  ) {}

  async create(
    sellerId: string,
    input: { url: string; events?: WebhookEventType[]; description?: string; enabled?: boolean },
  ): Promise<WebhookEndpointView & { secret: string }> {
    const url = await this.urls.assertAcceptable(input.url);
    // A quota, not a decision: a concurrent create may overshoot it by one.
    if ((await this.endpoints.countLive(sellerId)) >= MAX_WEBHOOK_ENDPOINTS_PER_SELLER) {
      throw new AppException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'WEBHOOK_ENDPOINT_LIMIT_REACHED',
        `A seller may have at most ${MAX_WEBHOOK_ENDPOINTS_PER_SELLER} webhook endpoints`,
      );
    }
    const id = this.endpoints.allocateId();
    const secret = this.newSecret();
    const now = this.clock.now();
    const enabled = input.enabled ?? true;
    const created = await this.endpoints.create(id, {
      sellerId,
      url,
      events: input.events ?? [],
      description: input.description ?? null,
      enabled,
      enabledAt: enabled ? now : null,
      disabledAt: enabled ? null : now,
      disabledReason: enabled ? null : 'seller',
      secretEnc: this.box.seal(secret, contextOf(id, SECRET)),
      secretLast4: secret.slice(-4),
      previousSecretEnc: null,
      previousSecretExpiresAt: null,
      createdAt: now,
      updatedAt: now,
    });
    return { ...toView(created), secret };
  }

  async list(sellerId: string): Promise<WebhookEndpointView[]> {
    return (await this.endpoints.listLive(sellerId)).map(toView);
  }

  async get(sellerId: string, id: string): Promise<WebhookEndpointView> {
    return toView(await this.require(sellerId, id));
  }

  async update(
    sellerId: string,
    id: string,
    changes: {
      url?: string;
      events?: WebhookEventType[];
      description?: string | null;
      enabled?: boolean;
    },
  ): Promise<WebhookEndpointView> {
    const current = await this.require(sellerId, id);
    const url =
      changes.url === undefined ? undefined : await this.urls.assertAcceptable(changes.url);
    const now = this.clock.now();
    const updated = await this.endpoints.update(sellerId, id, {
      ...(url === undefined ? {} : { url }),
      ...(changes.events === undefined ? {} : { events: changes.events }),
      ...(changes.description === undefined ? {} : { description: changes.description }),
      ...enabledChanges(current, changes.enabled, now),
      updatedAt: now,
    });
    if (!updated) {
      throw notFound();
    }
    return this.get(sellerId, id);
  }

  async remove(sellerId: string, id: string): Promise<void> {
    if (!(await this.endpoints.softDelete(sellerId, id, this.clock.now()))) {
      throw notFound();
    }
  }

  /** A new secret (shown once); the old one keeps signing for PREVIOUS_SECRET_GRACE_MS. */
  async rotateSecret(
    sellerId: string,
    id: string,
  ): Promise<WebhookEndpointView & { secret: string }> {
    const endpoint = await this.require(sellerId, id);
    const oldSecret = this.box.open(endpoint.secretEnc, contextOf(id, SECRET));
    const secret = this.newSecret();
    const now = this.clock.now();
    const updated = await this.endpoints.update(sellerId, id, {
      secretEnc: this.box.seal(secret, contextOf(id, SECRET)),
      secretLast4: secret.slice(-4),
      previousSecretEnc: this.box.seal(oldSecret, contextOf(id, PREVIOUS_SECRET)),
      previousSecretExpiresAt: new Date(now.getTime() + PREVIOUS_SECRET_GRACE_MS),
      updatedAt: now,
    });
    if (!updated) {
      throw notFound();
    }
    return { ...(await this.get(sellerId, id)), secret };
  }

  /** For the delivery worker: enabled endpoints that want `eventType`, with decrypted secrets. */
  async listActiveEndpointsFor(
    sellerId: string,
    eventType: WebhookEventType,
  ): Promise<DeliverableEndpoint[]> {
    const endpoints = await this.endpoints.listEnabled(sellerId);
    return endpoints.filter((e) => wants(e, eventType)).map((e) => this.toDeliverable(e));
  }

  /** Ids of the enabled endpoints that want `eventType` (no secrets are opened). */
  async subscribedEndpointIds(sellerId: string, eventType: WebhookEventType): Promise<string[]> {
    const endpoints = await this.endpoints.listEnabled(sellerId);
    return endpoints.filter((e) => wants(e, eventType)).map((e) => e.id);
  }

  /**
   * For one delivery attempt: the endpoint as it is now (it may have been switched off, deleted
   * or moved since the event), with its secrets and what the failure streak needs.
   */
  async getForDelivery(
    sellerId: string,
    id: string,
  ): Promise<
    | (DeliverableEndpoint & {
        enabled: boolean;
        enabledAt: Date;
        disabledReason: DisabledReason | null;
      })
    | undefined
  > {
    const endpoint = await this.endpoints.findLive(sellerId, id);
    if (!endpoint) {
      return undefined;
    }
    return {
      ...this.toDeliverable(endpoint),
      enabled: endpoint.enabled,
      enabledAt: endpoint.enabledAt ?? endpoint.createdAt,
      disabledReason: endpoint.disabledReason,
    };
  }

  /**
   * The delivery worker's half of the disablement decision (seller_webhook_disablements): off,
   * unless the seller switched it off or on again since `enabledAt` was read.
   */
  disableAfterFailures(params: {
    sellerId: string;
    id: string;
    enabledAt: Date;
  }): Promise<boolean> {
    return this.endpoints.disableAfterFailures({ ...params, at: this.clock.now() });
  }

  /** Key rotation: re-encrypts every signing secret with the current ENCRYPTION_KEY. */
  async reencryptAll(): Promise<{ scanned: number; reencrypted: number }> {
    const rows = await this.endpoints.allSecrets();
    let reencrypted = 0;
    for (const row of rows) {
      const expected = { secretEnc: row.secretEnc, previousSecretEnc: row.previousSecretEnc };
      const next = {
        secretEnc: this.box.reseal(row.secretEnc, contextOf(row.id, SECRET)),
        previousSecretEnc:
          row.previousSecretEnc === null
            ? null
            : this.box.reseal(row.previousSecretEnc, contextOf(row.id, PREVIOUS_SECRET)),
      };
      const changed =
        next.secretEnc !== expected.secretEnc ||
        next.previousSecretEnc !== expected.previousSecretEnc;
      if (
        changed &&
        (await this.endpoints.replaceSecrets({
          sellerId: row.sellerId,
          id: row.id,
          expected,
          next,
        }))
      ) {
        reencrypted += 1;
      }
    }
    return { scanned: rows.length, reencrypted };
  }

  private toDeliverable(e: WebhookEndpointRecord): DeliverableEndpoint {
    const inGrace =
      e.previousSecretEnc !== null &&
      e.previousSecretExpiresAt !== null &&
      e.previousSecretExpiresAt > this.clock.now();
    return {
      id: e.id,
      url: e.url,
      secret: this.box.open(e.secretEnc, contextOf(e.id, SECRET)),
      ...(inGrace
        ? { previousSecret: this.box.open(e.previousSecretEnc!, contextOf(e.id, PREVIOUS_SECRET)) }
        : {}),
    };
  }

  private newSecret(): string {
    return `whsec_${this.random.urlSafe(32)}`;
  }

  private async require(sellerId: string, id: string): Promise<WebhookEndpointRecord> {
    const endpoint = await this.endpoints.findLive(sellerId, id);
    if (!endpoint) {
      throw notFound();
    }
    return endpoint;
  }
}

function wants(e: WebhookEndpointRecord, eventType: WebhookEventType): boolean {
  return e.events.length === 0 || e.events.includes(eventType);
}

/**
 * Switching on starts a new failure streak (and a new chance to be disabled for it); switching
 * off records that the seller did it. Repeating the current state changes nothing.
 */
function enabledChanges(
  current: WebhookEndpointRecord,
  enabled: boolean | undefined,
  now: Date,
): Partial<WebhookEndpointRecord> {
  if (enabled === undefined || enabled === current.enabled) {
    return {};
  }
  return enabled
    ? { enabled, enabledAt: now, disabledAt: null, disabledReason: null }
    : { enabled, disabledAt: now, disabledReason: 'seller' };
}

function toView(e: WebhookEndpointRecord): WebhookEndpointView {
  return {
    id: e.id,
    url: e.url,
    events: e.events,
    description: e.description,
    enabled: e.enabled,
    disabledAt: e.disabledAt,
    disabledReason: e.disabledReason,
    secretLast4: e.secretLast4,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
}
