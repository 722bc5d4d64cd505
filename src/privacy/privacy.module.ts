import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { MembershipsModule } from '../memberships/memberships.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PaymentsModule } from '../payments/payments.module';
import { PrivacyJobs } from './privacy.jobs';
import { PrivacyService } from './privacy.service';

/** Erasure of ended members' personal data (daily, and on a seller's request). */
@Module({
  imports: [MembershipsModule, AccessModule, NotificationsModule, PaymentsModule],
  providers: [PrivacyService, PrivacyJobs],
  exports: [PrivacyService],
})
export class PrivacyModule {}
