import { Module, OnApplicationBootstrap } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { GrantClaimRepository } from './grant-claim.repository';
import { GrantRepository } from './grant.repository';
import { GrantService } from './grant.service';
import { MembershipEventRepository } from './membership-event.repository';
import { MembershipLifecycleService } from './membership-lifecycle.service';
import { MembershipKeyRepository } from './membership-key.repository';
import { MembershipPeriodRepository } from './membership-period.repository';
import { MembershipErasureService } from './membership-erasure.service';
import { MembershipRepository } from './membership.repository';
import { MembershipsService } from './memberships.service';
import { GrantClaim, GrantClaimSchema } from './schemas/grant-claim.schema';
import { Grant, GrantSchema } from './schemas/grant.schema';
import { MembershipEvent, MembershipEventSchema } from './schemas/membership-event.schema';
import { MembershipPeriod, MembershipPeriodSchema } from './schemas/membership-period.schema';
import { MembershipKey, MembershipKeySchema } from './schemas/membership-key.schema';
import { Membership, MembershipSchema } from './schemas/membership.schema';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Grant.name, schema: GrantSchema },
      { name: Membership.name, schema: MembershipSchema },
      { name: MembershipKey.name, schema: MembershipKeySchema },
      { name: MembershipPeriod.name, schema: MembershipPeriodSchema },
      { name: MembershipEvent.name, schema: MembershipEventSchema },
      { name: GrantClaim.name, schema: GrantClaimSchema },
    ]),
  ],
  providers: [
    GrantRepository,
    MembershipRepository,
    MembershipKeyRepository,
    MembershipPeriodRepository,
    MembershipEventRepository,
    MembershipLifecycleService,
    GrantClaimRepository,
    GrantService,
    MembershipsService,
    MembershipErasureService,
  ],
  exports: [
    GrantService,
    MembershipLifecycleService,
    MembershipRepository,
    MembershipsService,
    MembershipErasureService,
  ],
})
export class MembershipsModule implements OnApplicationBootstrap {
  constructor(private readonly memberships: MembershipRepository) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.memberships.backfillKeys();
  }
}
