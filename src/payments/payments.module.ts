import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ChannelsModule } from '../channels/channels.module';
import { MembershipsModule } from '../memberships/memberships.module';
import { OutboxModule } from '../outbox/outbox.module';
import { PaymentSettingsModule } from '../payment-settings/payment-settings.module';
import { PlansModule } from '../plans/plans.module';
import { PromoCodesModule } from '../promo-codes/promo-codes.module';
import { UserBanChecks } from './ban-check';
import { BotCheckoutLinks } from './bot/bot-checkout-links';
import { PlanOfferService } from './bot/plan-offer.service';
import { PlanOfferUpdate } from './bot/plan-offer.update';
import { CheckoutPagesController } from './checkout/checkout-pages.controller';
import { CheckoutController } from './checkout/checkout.controller';
import { CheckoutService } from './checkout/checkout.service';
import { SaleRules } from './checkout/sale-rules';
import { ClaimLinks } from './claim-links';
import { PaymentClaimsService } from './payment-claims.service';
import { PaymentDecisionsRepository } from './payment-decisions.repository';
import { PaymentErasureService } from './payment-erasure.service';
import { PaymentExpiryService } from './payment-expiry.service';
import { PaymentRefundsService } from './payment-refunds.service';
import { PaymentSettlementService } from './payment-settlement.service';
import { PaymentRepository } from './payment.repository';
import { PaymentsService } from './payments.service';
import { Pseudonyms } from '../access/pseudonyms';
import { PaymentClaim, PaymentClaimSchema } from './schemas/payment-claim.schema';
import { PaymentRef, PaymentRefSchema } from './schemas/payment-ref.schema';
import { PaymentRefund, PaymentRefundSchema } from './schemas/payment-refund.schema';
import { Payment, PaymentSchema } from './schemas/payment.schema';
import { StripeEventRecord, StripeEventSchema } from './schemas/stripe-event.schema';
import { SubscriptionEnd, SubscriptionEndSchema } from './schemas/subscription-end.schema';
import { SellerPaymentsController } from './seller/seller-payments.controller';
import { SellerPaymentsService } from './seller/seller-payments.service';
import { StarsInvoices } from './stars/stars-invoices';
import { StarsOutboxExecutors } from './stars/stars-outbox.executors';
import { StarsPaymentsService } from './stars/stars-payments.service';
import { StarsUpdate } from './stars/stars.update';
import { StarSubscriptionPaymentsService } from './star-subscriptions/star-subscription-payments.service';
import { StripeChargeEvents } from './stripe/stripe-charge-events';
import { StripeCheckoutEvents } from './stripe/stripe-checkout-events';
import { StripeCheckoutService } from './stripe/stripe-checkout.service';
import { StripeAccountResolver } from './stripe/stripe-account.resolver';
import { StripeClientFactory } from './stripe/stripe-client.factory';
import { StripeEventRepository } from './stripe/stripe-event.repository';
import { StripeInvoiceEvents } from './stripe/stripe-invoice-events';
import { StripeSubscriptionEvents } from './stripe/stripe-subscription-events';
import { StripeWebhookController } from './stripe/stripe-webhook.controller';
import { StripeWebhookService } from './stripe/stripe-webhook.service';
import { TrialService } from './trial.service';

/**
 * The money path: checkout (Stripe Checkout on the platform's or the seller's own account,
 * Telegram Stars), Stripe webhooks, Stars pre-checkout and payments, refunds, the seller's
 * payments API and the bot's plan offer. Every paid payment goes through
 * PaymentSettlementService to GrantService, the one grant path.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Payment.name, schema: PaymentSchema },
      { name: PaymentRef.name, schema: PaymentRefSchema },
      { name: PaymentRefund.name, schema: PaymentRefundSchema },
      { name: PaymentClaim.name, schema: PaymentClaimSchema },
      { name: StripeEventRecord.name, schema: StripeEventSchema },
      { name: SubscriptionEnd.name, schema: SubscriptionEndSchema },
    ]),
    MembershipsModule,
    PlansModule,
    ChannelsModule,
    PaymentSettingsModule,
    PromoCodesModule,
    OutboxModule,
  ],
  controllers: [
    CheckoutController,
    CheckoutPagesController,
    StripeWebhookController,
    SellerPaymentsController,
  ],
  providers: [
    PaymentRepository,
    PaymentDecisionsRepository,
    StripeEventRepository,
    StripeClientFactory,
    StripeAccountResolver,
    StripeCheckoutService,
    StripeCheckoutEvents,
    StripeInvoiceEvents,
    StripeSubscriptionEvents,
    StripeChargeEvents,
    StripeWebhookService,
    ClaimLinks,
    UserBanChecks,
    SaleRules,
    CheckoutService,
    PaymentSettlementService,
    PaymentRefundsService,
    PaymentClaimsService,
    PaymentExpiryService,
    PaymentErasureService,
    PaymentsService,
    SellerPaymentsService,
    StarsInvoices,
    StarsOutboxExecutors,
    StarsPaymentsService,
    StarsUpdate,
    StarSubscriptionPaymentsService,
    Pseudonyms,
    TrialService,
    BotCheckoutLinks,
    PlanOfferService,
    PlanOfferUpdate,
  ],
  exports: [PaymentsService, PaymentErasureService, UserBanChecks, StripeClientFactory],
})
export class PaymentsModule {}
