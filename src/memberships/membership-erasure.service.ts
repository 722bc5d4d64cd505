import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import { GrantClaimRepository } from './grant-claim.repository';
import { GrantRepository } from './grant.repository';
import { MembershipEventRepository } from './membership-event.repository';
import { MembershipPeriodRepository } from './membership-period.repository';
import { MembershipRepository } from './membership.repository';
import { MembershipView } from './membership.types';

export interface ErasedMembership {
  grantIds: string[];
  /** Payments (of the payments domain) behind the grants, for it to anonymise. */
  paymentIds: string[];
  /** The e-mail addresses the grants carried, for domains that keep mail logs. */
  emails: string[];
}

/**
 * The memberships domain's part of a privacy erasure. A real membership keeps its financial and
 * statistical skeleton (plan, seller, status, dates, ledger); a test membership is deleted whole.
 * Idempotent: erasing again finds nothing more to erase.
 */
@Injectable()
export class MembershipErasureService {
  constructor(
    private readonly memberships: MembershipRepository,
    private readonly grants: GrantRepository,
    private readonly claims: GrantClaimRepository,
    private readonly periods: MembershipPeriodRepository,
    private readonly history: MembershipEventRepository,
    private readonly clock: Clock,
  ) {}

  /** What an erasure of this membership will touch, read before anything is erased. */
  async describe(membership: MembershipView): Promise<ErasedMembership> {
    const grants = await this.grants.findByMembership(membership.id);
    const emails = new Set<string>();
    for (const email of [membership.customer.email, ...grants.map((g) => g.customer?.email)]) {
      if (email) {
        emails.add(email);
      }
    }
    return {
      grantIds: grants.map((g) => g.id),
      paymentIds: grants.flatMap((g) => (g.paymentId ? [g.paymentId] : [])),
      emails: [...emails],
    };
  }

  async erase(membership: MembershipView, described: ErasedMembership): Promise<void> {
    await this.claims.deleteFor(described.grantIds);
    if (membership.test) {
      await this.grants.deleteMany(described.grantIds);
      await this.periods.deleteFor(membership.id);
      await this.history.deleteFor(membership.id);
      await this.memberships.delete(membership.id);
      return;
    }
    const at = this.clock.now();
    await this.grants.erasePersonalData(described.grantIds, at);
    await this.memberships.erasePersonalData(membership.id, at);
  }

  /**
   * Grants nobody claimed (the privacy job, once the claim expired): web payments lose the buyer's
   * contact details, a seller's grant the seller's id for the customer; the financial record
   * stays. A grant that was claimed or applied meanwhile belongs to a membership, whose own
   * erasure handles it, and is left alone.
   */
  async eraseUnclaimedGrants(grantIds: string[]): Promise<number> {
    const unclaimed: string[] = [];
    for (const id of grantIds) {
      const grant = await this.grants.findById(id);
      if (
        (grant?.customer !== undefined || grant?.externalUserId !== undefined) &&
        grant.telegramUserId === undefined &&
        grant.membershipId === undefined
      ) {
        unclaimed.push(grant.id);
      }
    }
    await this.grants.erasePersonalData(unclaimed, this.clock.now());
    return unclaimed.length;
  }
}
