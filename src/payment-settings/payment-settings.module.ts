import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { PaymentSettingsController } from './payment-settings.controller';
import { PaymentSettingsRepository } from './payment-settings.repository';
import { PaymentSettingsService } from './payment-settings.service';
import { PaymentSettings, PaymentSettingsSchema } from './schemas/payment-settings.schema';

/** Platform or own Stripe account per seller; `getStripeCredentials` serves the payments domain. */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: PaymentSettings.name, schema: PaymentSettingsSchema }]),
  ],
  controllers: [PaymentSettingsController],
  providers: [PaymentSettingsRepository, PaymentSettingsService],
  exports: [PaymentSettingsService],
})
export class PaymentSettingsModule {}
