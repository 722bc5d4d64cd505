import { Injectable, OnModuleInit } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import { JobSchedulerService } from '../leases/job-scheduler.service';
import { PromoCodesService } from '../promo-codes/promo-codes.service';
import { PaymentRepository } from './payment.repository';

const BATCH = 200;
const MAX_BATCHES = 50;

/**
 * Pending checkouts nobody paid: marked expired once their time is up, and their promo code
 * use given back. Stripe announces its own sessions' expiry (checkout.session.expired); this also
 * covers Stars invoices and sessions whose event never came.
 */
@Injectable()
export class PaymentExpiryService implements OnModuleInit {
  constructor(
    private readonly payments: PaymentRepository,
    private readonly promoCodes: PromoCodesService,
    private readonly scheduler: JobSchedulerService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.scheduler.register({
      name: 'payments.expire-checkouts',
      everyMs: 5 * 60_000,
      run: () => this.expireUnpaid(),
    });
  }

  /** Idempotent; returns how many payments it expired. */
  async expireUnpaid(): Promise<{ expired: number }> {
    let expired = 0;
    for (let round = 0; round < MAX_BATCHES; round += 1) {
      const batch = await this.payments.findPendingExpired(this.clock.now(), BATCH);
      for (const payment of batch) {
        if (await this.payments.markExpired(payment.id, this.clock.now())) {
          expired += 1;
        }
        if (payment.promoCodeId) {
          await this.promoCodes.release({
            promoCodeId: payment.promoCodeId,
            paymentId: payment.id,
          });
        }
      }
      if (batch.length < BATCH) {
        break;
      }
    }
    return { expired };
  }
}
