import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { ChannelsModule } from '../channels/channels.module';
import { MembershipsModule } from '../memberships/memberships.module';
import { PaymentsModule } from '../payments/payments.module';
import { PlansModule } from '../plans/plans.module';
import { PrivacyModule } from '../privacy/privacy.module';
import { SellerAccessController } from './seller-access.controller';
import { SellerAccessService } from './seller-access.service';
import { SellerMembersController } from './seller-members.controller';
import { SellerMembersService } from './seller-members.service';
import { SellerStatsService } from './seller-stats.service';

/** The seller API over members: list, CSV, erasure, grant-access, force-remove, stats. */
@Module({
  imports: [
    MembershipsModule,
    AccessModule,
    ChannelsModule,
    PlansModule,
    PaymentsModule,
    PrivacyModule,
  ],
  controllers: [SellerMembersController, SellerAccessController],
  providers: [SellerMembersService, SellerAccessService, SellerStatsService],
})
export class SellerMembersModule {}
