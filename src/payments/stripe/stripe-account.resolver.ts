import { HttpStatus, Injectable } from '@nestjs/common';
import Stripe from 'stripe';
import { AppException } from '../../common/errors/app.exception';
import { PaymentSettingsService } from '../../payment-settings/payment-settings.service';
import type { PaymentView } from '../payment.types';
import { StripeClientFactory } from './stripe-client.factory';

/** The Stripe account a payment was made on: the platform's, or the seller's own. */
@Injectable()
export class StripeAccountResolver {
  constructor(
    private readonly settings: PaymentSettingsService,
    private readonly stripeClients: StripeClientFactory,
  ) {}

  async clientFor(payment: PaymentView): Promise<Stripe> {
    if (payment.stripe?.account !== 'own') {
      return this.stripeClients.forPlatform();
    }
    const credentials = await this.settings.getStripeCredentials(payment.sellerId);
    if (credentials.mode !== 'own') {
      throw new AppException(
        HttpStatus.CONFLICT,
        'STRIPE_ACCOUNT_DISCONNECTED',
        'This payment was made on your own Stripe account, which is no longer connected: act on it in your Stripe Dashboard',
      );
    }
    return this.stripeClients.forSeller(credentials);
  }
}
