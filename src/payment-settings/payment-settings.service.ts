import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import { SecretBox } from '../common/crypto/secret-box';
import { AppException } from '../common/errors/app.exception';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { PaymentSettingsRecord, PaymentSettingsRepository } from './payment-settings.repository';
import type { PaymentMode } from './schemas/payment-settings.schema';

export interface PaymentSettingsView {
  mode: PaymentMode;
  stripeSecretKeyLast4: string | null;
  stripeWebhookSecretLast4: string | null;
  stripeLivemode: boolean | null;
  webhookUrl: string;
  updatedAt: Date | null;
}

/** What the payments domain needs to charge for a seller. */
export type StripeCredentials =
  | { mode: 'platform' }
  | { mode: 'own'; secretKey: string; webhookSecret: string; livemode: boolean };

const SECRET_KEY = 'stripeSecretKey';
const WEBHOOK_SECRET = 'stripeWebhookSecret';
/** The AAD of a ciphertext: a seller's secret only opens in that seller's row and field. */
const contextOf = (sellerId: string, field: string): string =>
  `payment_settings:${sellerId}:${field}`;

@Injectable()
export class PaymentSettingsService {
  private readonly logger = new Logger(PaymentSettingsService.name);

  constructor(
    private readonly settings: PaymentSettingsRepository,
    private readonly box: SecretBox,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async get(sellerId: string): Promise<PaymentSettingsView> {
    return this.toView(sellerId, await this.settings.find(sellerId));
  }

  async put(
    sellerId: string,
    input: { mode: PaymentMode; stripeSecretKey?: string; stripeWebhookSecret?: string },
  ): Promise<PaymentSettingsView> {
    const updatedAt = this.clock.now();
    if (input.mode === 'platform') {
      if (input.stripeSecretKey !== undefined || input.stripeWebhookSecret !== undefined) {
        throw AppException.badRequest(
          'VALIDATION_FAILED',
          'Stripe keys are only given with mode=own',
          [{ field: 'mode', errors: ['Stripe keys are only given with mode=own'] }],
        );
      }
      // Switching back to the platform drops the seller's keys: we keep no secret we do not use.
      const saved = await this.settings.save(sellerId, {
        mode: 'platform',
        stripeSecretKeyEnc: null,
        stripeSecretKeyLast4: null,
        stripeWebhookSecretEnc: null,
        stripeWebhookSecretLast4: null,
        stripeLivemode: null,
        updatedAt,
      });
      return this.toView(sellerId, saved);
    }
    const secretKey = input.stripeSecretKey!;
    const webhookSecret = input.stripeWebhookSecret!;
    const saved = await this.settings.save(sellerId, {
      mode: 'own',
      stripeSecretKeyEnc: this.box.seal(secretKey, contextOf(sellerId, SECRET_KEY)),
      stripeSecretKeyLast4: secretKey.slice(-4),
      stripeWebhookSecretEnc: this.box.seal(webhookSecret, contextOf(sellerId, WEBHOOK_SECRET)),
      stripeWebhookSecretLast4: webhookSecret.slice(-4),
      stripeLivemode: /^(sk|rk)_live_/.test(secretKey),
      updatedAt,
    });
    return this.toView(sellerId, saved);
  }

  /** For the payments domain: decrypted credentials when the seller uses their own account. */
  async getStripeCredentials(sellerId: string): Promise<StripeCredentials> {
    const settings = await this.settings.find(sellerId);
    if (!settings || settings.mode === 'platform') {
      return { mode: 'platform' };
    }
    if (!settings.stripeSecretKeyEnc || !settings.stripeWebhookSecretEnc) {
      throw new Error(`Payment settings of seller ${sellerId} are "own" without keys`);
    }
    return {
      mode: 'own',
      secretKey: this.box.open(settings.stripeSecretKeyEnc, contextOf(sellerId, SECRET_KEY)),
      webhookSecret: this.box.open(
        settings.stripeWebhookSecretEnc,
        contextOf(sellerId, WEBHOOK_SECRET),
      ),
      livemode: settings.stripeLivemode === true,
    };
  }

  /**
   * Key rotation: re-encrypts every stored Stripe secret with the current ENCRYPTION_KEY (old
   * ones still open through ENCRYPTION_KEYS_PREVIOUS). Safe to run again; a row whose seller
   * saved new keys meanwhile is left as the seller wrote it.
   */
  async reencryptAll(): Promise<{ scanned: number; reencrypted: number }> {
    const rows = await this.settings.allWithSecrets();
    let reencrypted = 0;
    for (const row of rows) {
      const expected = {
        stripeSecretKeyEnc: row.stripeSecretKeyEnc,
        stripeWebhookSecretEnc: row.stripeWebhookSecretEnc,
      };
      const next = {
        stripeSecretKeyEnc: this.reseal(
          row.stripeSecretKeyEnc,
          contextOf(row.sellerId, SECRET_KEY),
        ),
        stripeWebhookSecretEnc: this.reseal(
          row.stripeWebhookSecretEnc,
          contextOf(row.sellerId, WEBHOOK_SECRET),
        ),
      };
      const changed =
        next.stripeSecretKeyEnc !== expected.stripeSecretKeyEnc ||
        next.stripeWebhookSecretEnc !== expected.stripeWebhookSecretEnc;
      if (
        changed &&
        (await this.settings.replaceCiphertexts({ sellerId: row.sellerId, expected, next }))
      ) {
        reencrypted += 1;
      }
    }
    this.logger.log(`Re-encrypted Stripe secrets of ${reencrypted} of ${rows.length} sellers`);
    return { scanned: rows.length, reencrypted };
  }

  private reseal(sealed: string | null, context: string): string | null {
    return sealed === null ? null : this.box.reseal(sealed, context);
  }

  private toView(
    sellerId: string,
    settings: PaymentSettingsRecord | undefined,
  ): PaymentSettingsView {
    return {
      mode: settings?.mode ?? 'platform',
      stripeSecretKeyLast4: settings?.stripeSecretKeyLast4 ?? null,
      stripeWebhookSecretLast4: settings?.stripeWebhookSecretLast4 ?? null,
      stripeLivemode: settings?.stripeLivemode ?? null,
      webhookUrl: `${this.config.publicUrl}/api/payments/webhook/${sellerId}`,
      updatedAt: settings?.updatedAt ?? null,
    };
  }
}
