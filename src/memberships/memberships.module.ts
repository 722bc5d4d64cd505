import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { GrantRepository } from './grant.repository';
import { GrantService } from './grant.service';
import { MembershipEventRepository } from './membership-event.repository';
import { MembershipLifecycleService } from './membership-lifecycle.service';
import { MembershipPeriodRepository } from './membership-period.repository';
import { MembershipRepository } from './membership.repository';
import { Grant, GrantSchema } from './schemas/grant.schema';
import { MembershipEvent, MembershipEventSchema } from './schemas/membership-event.schema';
import { MembershipPeriod, MembershipPeriodSchema } from './schemas/membership-period.schema';
import { Membership, MembershipSchema } from './schemas/membership.schema';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Grant.name, schema: GrantSchema },
      { name: Membership.name, schema: MembershipSchema },
      { name: MembershipPeriod.name, schema: MembershipPeriodSchema },
      { name: MembershipEvent.name, schema: MembershipEventSchema },
    ]),
  ],
  providers: [
    GrantRepository,
    MembershipRepository,
    MembershipPeriodRepository,
    MembershipEventRepository,
    MembershipLifecycleService,
    GrantService,
  ],
  exports: [GrantService, MembershipLifecycleService, MembershipRepository],
})
export class MembershipsModule {}
