import { Injectable, Logger } from '@nestjs/common';
import { AppException } from '../common/errors/app.exception';
import { GrantService } from '../memberships/grant.service';
import { MembershipLifecycleService } from '../memberships/membership-lifecycle.service';
import { ACCESS_STATUSES, hasAccess } from '../memberships/membership-status';
import { MembershipRepository } from '../memberships/membership.repository';
import type { GrantView, MembershipView } from '../memberships/membership.types';
import { MembershipsService } from '../memberships/memberships.service';
import { AccessDeliveryService, DeliveryHandle } from './access-delivery.service';
import { AccessNotifier } from './access-notifier';
import { AccessRemovalService, RemovalHandle } from './access-removal.service';
import type { DeliveryReason } from './schemas/access-link.schema';

export interface RevocationResult {
  membership: MembershipView;
  removals: RemovalHandle[];
}

/**
 * What the rest of the system asks of the access domain: deliver links for a grant (also for
 * re-delivery by the recovery tools), send fresh links, revoke access at once (refund, seller).
 */
@Injectable()
export class AccessService {
  private readonly logger = new Logger(AccessService.name);

  constructor(
    private readonly deliveries: AccessDeliveryService,
    private readonly removal: AccessRemovalService,
    private readonly notifier: AccessNotifier,
    private readonly memberships: MembershipRepository,
    private readonly membershipRules: MembershipsService,
    private readonly lifecycle: MembershipLifecycleService,
    private readonly grants: GrantService,
  ) {}

  /**
   * Delivers the links of an applied grant. Idempotent (the delivery is named by the grant), so
   * calling it again after a crash sends only what was not sent.
   */
  async deliverGrant(grant: GrantView, membership?: MembershipView): Promise<DeliveryHandle> {
    const target =
      membership ??
      (grant.membershipId ? await this.memberships.findById(grant.membershipId) : undefined);
    if (!target) {
      throw AppException.conflict('GRANT_NOT_APPLIED', 'This grant has no membership yet');
    }
    return this.deliveries.deliver({
      membership: target,
      deliveryId: grant.id,
      reason: reasonOf(grant),
      grantId: grant.id,
      ...(grant.paymentId ? { paymentId: grant.paymentId } : {}),
      chatIds: grant.channels.map((c) => c.chatId),
    });
  }

  /**
   * A fresh delivery of a grant's links (recovery tools: the first delivery failed for good, or
   * the member lost the links). Unused links of the grant's chats are withdrawn first; the new
   * delivery is named by `attemptKey`, so the same recovery attempt repeated sends once.
   */
  async redeliver(grantId: string, attemptKey: string): Promise<DeliveryHandle> {
    const grant = await this.grants.find(grantId);
    const membership = grant?.membershipId
      ? await this.memberships.findById(grant.membershipId)
      : undefined;
    if (!grant || !membership) {
      throw AppException.notFound('GRANT_NOT_FOUND', 'No applied grant with this id');
    }
    for (const channel of grant.channels) {
      await this.removal.revokeUnusedLinks(membership.id, channel.chatId);
    }
    return this.deliveries.deliver({
      membership,
      deliveryId: `re:${attemptKey}:${grant.id}`,
      reason: reasonOf(grant),
      grantId: grant.id,
      ...(grant.paymentId ? { paymentId: grant.paymentId } : {}),
      chatIds: grant.channels.map((c) => c.chatId),
    });
  }

  /**
   * Fresh links for every membership with access of this user (the bot's /access): unused old
   * links are withdrawn first. `requestKey` names the request (a re-delivered update sends once).
   */
  async resendForUser(params: {
    telegramUserId: number;
    requestKey: string;
  }): Promise<DeliveryHandle[]> {
    const memberships = await this.memberships.findByTelegramUser(
      params.telegramUserId,
      ACCESS_STATUSES,
    );
    const handles: DeliveryHandle[] = [];
    for (const membership of memberships) {
      await this.removal.revokeUnusedLinks(membership.id);
      handles.push(
        await this.deliveries.deliver({
          membership,
          deliveryId: `resend:${params.requestKey}:${membership.id}`,
          reason: 'resend',
        }),
      );
    }
    return handles;
  }

  /**
   * Ends access now (refund, seller's removal or erasure): a revocation entry in the ledger, the
   * membership `removed` with the reason, the member out of every chat, unused links withdrawn,
   * and a message. Idempotent: a repeat finds the revocation and queues nothing new.
   */
  async revoke(membershipId: string, reason: string): Promise<RevocationResult> {
    const membership = await this.memberships.findById(membershipId);
    if (!membership) {
      throw AppException.notFound('MEMBERSHIP_NOT_FOUND', 'No such membership');
    }
    const seq = await this.membershipRules.revokePaidTime({ membershipId, reason });
    const hadAccess = hasAccess(membership.status);
    await this.lifecycle.transition({ membership, to: 'removed', reason });
    const removed = { ...membership, status: 'removed' as const };
    const removals = await this.removal.removeMember({ membership: removed, cycleSeq: seq });
    if (hadAccess) {
      await this.notifier.notify({
        membership,
        content: { type: 'ended', membershipId, reason: 'revoked' },
        key: `ended:${membershipId}:${seq}`,
      });
    }
    this.logger.log(`Revoked membership ${membershipId}: ${reason}`);
    return { membership: removed, removals };
  }

  /** A renewal failed: grace starts (see MembershipsService.startGrace) and the member is told. */
  async startGrace(params: {
    membershipId: string;
    reason: string;
    eventKey: string;
  }): Promise<MembershipView | undefined> {
    const membership = await this.membershipRules.startGrace(params);
    if (membership?.status === 'grace') {
      await this.notifier.notify({
        membership,
        content: { type: 'grace', membershipId: membership.id },
        key: `grace:${membership.id}:${params.eventKey}`,
      });
    }
    return membership;
  }
}

function reasonOf(grant: GrantView): DeliveryReason {
  switch (grant.provider) {
    case 'test':
      return 'test';
    case 'manual':
      return 'seller';
    case 'stripe':
    case 'stars':
    case 'telegram_star_subscription':
    case 'trial':
      return 'grant';
  }
}
