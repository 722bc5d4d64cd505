import { Injectable } from '@nestjs/common';
import { SecretBox } from '../../common/crypto/secret-box';
import { AppException } from '../../common/errors/app.exception';
import { JobSchedulerService } from '../../leases/job-scheduler.service';
import { PaymentSettingsService } from '../../payment-settings/payment-settings.service';
import { SellerWebhooksService } from '../../seller-webhooks/seller-webhooks.service';

export const REENCRYPT_JOB = 'secrets.reencrypt';

export interface ReencryptCounts {
  scanned: number;
  reencrypted: number;
}

export interface ReencryptReport {
  keyId: string;
  paymentSettings: ReencryptCounts;
  webhookEndpoints: ReencryptCounts;
}

/**
 * The operator's step after an ENCRYPTION_KEY rotation: every long-lived stored secret (sellers'
 * Stripe keys, webhook signing secrets) is sealed again with the current key, so the old key can
 * leave ENCRYPTION_KEYS_PREVIOUS. Each domain re-encrypts its own rows; this runs them under one
 * lease so two admins' clicks do not run it twice at once.
 */
@Injectable()
export class SecretRotationService {
  constructor(
    private readonly scheduler: JobSchedulerService,
    private readonly paymentSettings: PaymentSettingsService,
    private readonly webhooks: SellerWebhooksService,
    private readonly box: SecretBox,
  ) {}

  async reencryptAll(): Promise<ReencryptReport> {
    const run = await this.scheduler.runNow({
      name: REENCRYPT_JOB,
      leaseTtlMs: 5 * 60_000,
      run: async (): Promise<ReencryptReport> => ({
        keyId: this.box.currentKeyId,
        paymentSettings: await this.paymentSettings.reencryptAll(),
        webhookEndpoints: await this.webhooks.reencryptAll(),
      }),
    });
    if (!run.ran) {
      throw AppException.conflict(
        'REENCRYPT_RUNNING',
        'Secrets are being re-encrypted right now; try again in a minute',
      );
    }
    return run.result as ReencryptReport;
  }
}
