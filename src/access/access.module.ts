import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ChannelsModule } from '../channels/channels.module';
import { MembershipsModule } from '../memberships/memberships.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OutboxModule } from '../outbox/outbox.module';
import { PaymentsModule } from '../payments/payments.module';
import { AccessDeliveryService } from './access-delivery.service';
import { AccessErasureService } from './access-erasure.service';
import { AccessLinkRepository } from './access-link.repository';
import { AccessNotifier } from './access-notifier';
import { AccessRemovalRepository } from './access-removal.repository';
import { AccessRemovalService } from './access-removal.service';
import { AccessListener } from './access.listener';
import { AccessService } from './access.service';
import { AntiSharingService } from './anti-sharing.service';
import { AccessUpdate } from './bot/access.update';
import { ClaimStartHandler } from './bot/claim-start.handler';
import { ManualClaim, ManualClaimSchema } from './claims/manual-claim.schema';
import { ManualClaimRepository } from './claims/manual-claim.repository';
import { ManualClaimsService } from './claims/manual-claims.service';
import { JoinDecisionRepository } from './join-decision.repository';
import { ExpiryService } from './lifecycle/expiry.service';
import { LifecycleJobs } from './lifecycle/lifecycle.jobs';
import { ReminderService } from './lifecycle/reminder.service';
import { MemberPresenceRepository } from './member-presence.repository';
import { AccessOutboxListener } from './outbox/access-outbox.listener';
import { JoinDecisionExecutor } from './outbox/join-decision.executor';
import { LinkExecutor } from './outbox/link.executor';
import { MessageExecutor } from './outbox/message.executor';
import { RemovalExecutor } from './outbox/removal.executor';
import { RevokeLinkExecutor } from './outbox/revoke-link.executor';
import { Pseudonyms } from './pseudonyms';
import { AccessLink, AccessLinkSchema } from './schemas/access-link.schema';
import { AccessRemoval, AccessRemovalSchema } from './schemas/access-removal.schema';
import { JoinDecision, JoinDecisionSchema } from './schemas/join-decision.schema';
import { MemberPresence, MemberPresenceSchema } from './schemas/member-presence.schema';
import { TestModeService } from './test-mode/test-mode.service';
import { TestModeUpdate } from './test-mode/test-mode.update';

/**
 * Access to the paid chats: invite links bound to the payer (delivered through the outbox),
 * anti-sharing, /access, claims, reminders, grace, expiry removal and test mode. Reacts to
 * `membership.granted` and to the payments domain's refund and failure events.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: AccessLink.name, schema: AccessLinkSchema },
      { name: AccessRemoval.name, schema: AccessRemovalSchema },
      { name: JoinDecision.name, schema: JoinDecisionSchema },
      { name: MemberPresence.name, schema: MemberPresenceSchema },
      { name: ManualClaim.name, schema: ManualClaimSchema },
    ]),
    MembershipsModule,
    ChannelsModule,
    OutboxModule,
    NotificationsModule,
    PaymentsModule,
  ],
  providers: [
    Pseudonyms,
    AccessLinkRepository,
    AccessRemovalRepository,
    JoinDecisionRepository,
    MemberPresenceRepository,
    AccessNotifier,
    AccessDeliveryService,
    AccessRemovalService,
    AccessService,
    AccessErasureService,
    AccessListener,
    AntiSharingService,
    LinkExecutor,
    MessageExecutor,
    RemovalExecutor,
    RevokeLinkExecutor,
    JoinDecisionExecutor,
    AccessOutboxListener,
    ExpiryService,
    ReminderService,
    LifecycleJobs,
    AccessUpdate,
    ClaimStartHandler,
    ManualClaimRepository,
    ManualClaimsService,
    TestModeService,
    TestModeUpdate,
  ],
  exports: [
    AccessService,
    AccessErasureService,
    AccessDeliveryService,
    AccessRemovalService,
    ManualClaimsService,
    Pseudonyms,
  ],
})
export class AccessModule {}
