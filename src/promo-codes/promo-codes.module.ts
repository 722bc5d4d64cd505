import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { PlansModule } from '../plans/plans.module';
import { PromoCodeRepository } from './promo-code.repository';
import { PromoCodesController } from './promo-codes.controller';
import { PromoCodesService } from './promo-codes.service';
import { PromoRedemptionRepository } from './promo-redemption.repository';
import { PromoCode, PromoCodeSchema } from './schemas/promo-code.schema';
import { PromoRedemption, PromoRedemptionSchema } from './schemas/promo-redemption.schema';

/** Sellers' promo codes; PromoCodesService.quote/redeem/release serve the checkout. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: PromoCode.name, schema: PromoCodeSchema },
      { name: PromoRedemption.name, schema: PromoRedemptionSchema },
    ]),
    PlansModule,
  ],
  controllers: [PromoCodesController],
  providers: [PromoCodeRepository, PromoRedemptionRepository, PromoCodesService],
  exports: [PromoCodesService],
})
export class PromoCodesModule {}
