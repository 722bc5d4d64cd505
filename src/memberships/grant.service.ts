import { isDuplicateKeyError } from '@app/common';
import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { Clock } from '../common/clock/clock';
import { AppException } from '../common/errors/app.exception';
import { GrantClaimRepository } from './grant-claim.repository';
import { GrantRepository } from './grant.repository';
import { MembershipLifecycleService } from './membership-lifecycle.service';
import { MembershipPeriodRepository } from './membership-period.repository';
import { MembershipRepository } from './membership.repository';
import { GrantInput, GrantView, MembershipView, PeriodView } from './membership.types';
import { MembershipEvents, MembershipGrantedEvent } from './memberships.events';
import { paidUntil, nextPeriod } from './periods';

export interface GrantOutcome {
  grant: GrantView;
  /** False when this payment had already been granted: nothing was added twice. */
  created: boolean;
  /** Undefined while the payment waits for its Telegram account to be claimed. */
  membership?: MembershipView;
}

const MAX_APPEND_ATTEMPTS = 20;

/**
 * The single path by which any provider (Stripe, Stars, a seller's manual grant, a trial, a test
 * link) turns a payment into access. Exactly once comes from two unique keys: the grant id
 * (`<provider>:<providerPaymentId>`) and the period id (the grant id again), so repeated or
 * concurrent deliveries of the same payment add time once.
 */
@Injectable()
export class GrantService {
  constructor(
    private readonly grants: GrantRepository,
    private readonly claims: GrantClaimRepository,
    private readonly memberships: MembershipRepository,
    private readonly periods: MembershipPeriodRepository,
    private readonly lifecycle: MembershipLifecycleService,
    private readonly events: EventEmitter2,
    private readonly clock: Clock,
  ) {}

  async grant(input: GrantInput): Promise<GrantOutcome> {
    if (input.channels.length === 0 || input.durationMinutes <= 0) {
      throw AppException.badRequest(
        'GRANT_INVALID',
        'A grant needs at least one channel and a positive duration',
      );
    }
    const { grant, created } = await this.grants.insertOnce(input, this.clock.now());
    if (grant.telegramUserId === undefined) {
      return { grant, created };
    }
    return { grant, created, membership: await this.apply(grant) };
  }

  /**
   * Binds an unclaimed web payment to the Telegram account that claimed it, then applies it. The
   * first claimant wins by a unique insert (grant_claims); claiming again with the same account
   * is harmless and returns the same membership.
   */
  async claim(grantId: string, telegramUserId: number): Promise<GrantOutcome> {
    const found = await this.grants.findById(grantId);
    if (!found) {
      throw AppException.notFound('GRANT_NOT_FOUND', 'No such grant');
    }
    const owner =
      found.telegramUserId ??
      (await this.claims.claimOnce({ grantId, telegramUserId, at: this.clock.now() }));
    if (owner !== telegramUserId) {
      throw AppException.conflict(
        'CLAIM_TAKEN',
        'This payment was already claimed by another Telegram account',
      );
    }
    if (found.telegramUserId === undefined) {
      // Only the claim's winner gets here, and every winner writes the same value.
      await this.grants.bindTelegramUser(grantId, telegramUserId);
    }
    const grant = { ...found, telegramUserId };
    return { grant, created: false, membership: await this.apply(grant) };
  }

  /**
   * Grants recorded for a known Telegram account but never applied (the process stopped between
   * the grant insert and the membership update), oldest first: the delivery recovery applies them.
   */
  findUnapplied(params: { olderThan: Date; limit: number }): Promise<GrantView[]> {
    return this.grants.findUnapplied(params);
  }

  find(grantId: string): Promise<GrantView | undefined> {
    return this.grants.findById(grantId);
  }

  /** Idempotent: re-applying an applied grant returns the membership unchanged. */
  async apply(grant: GrantView): Promise<MembershipView> {
    if (grant.telegramUserId === undefined) {
      throw AppException.conflict('GRANT_UNCLAIMED', 'The grant has no Telegram account yet');
    }
    const membership = await this.memberships.findOrCreate({
      sellerId: grant.sellerId,
      planId: grant.planId,
      telegramUserId: grant.telegramUserId,
      channels: grant.channels,
      accessMode: grant.accessMode,
      billing: grant.billing,
      customer: grant.customer ?? {},
      stripeSubscriptionId: grant.stripeSubscriptionId,
      ...(grant.externalUserId ? { externalUserId: grant.externalUserId } : {}),
      test: grant.provider === 'test',
    });
    const { period, appended, renewal } = await this.appendPeriod(membership.id, grant);
    const expiresAt = paidUntil(await this.periods.listFor(membership.id)) ?? period.endsAt;
    const patch = {
      expiresAt,
      channels: grant.channels,
      customer: { ...membership.customer, ...grant.customer },
      ...(grant.stripeSubscriptionId ? { stripeSubscriptionId: grant.stripeSubscriptionId } : {}),
    };
    const reason = renewal ? `renewed by ${grant.id}` : `granted by ${grant.id}`;
    const moved = await this.lifecycle.transition({ membership, to: 'active', reason, patch });
    if (!moved) {
      await this.memberships.update(membership.id, patch);
    }
    if (membership.status === 'grace') {
      await this.memberships.unsetGrace(membership.id);
    }
    await this.grants.markApplied({
      id: grant.id,
      membershipId: membership.id,
      at: this.clock.now(),
    });
    const updated = { ...membership, ...patch, status: 'active' as const, graceEndsAt: undefined };
    if (appended) {
      const event: MembershipGrantedEvent = { membership: updated, grant, period, renewal };
      await this.events.emitAsync(MembershipEvents.Granted, event);
    }
    return updated;
  }

  /**
   * Appends this grant's period after the latest one. A racing renewal that takes the same slot
   * makes our insert collide on (membershipId, seq); we re-read and stack after it.
   */
  private async appendPeriod(
    membershipId: string,
    grant: GrantView,
  ): Promise<{ period: PeriodView; appended: boolean; renewal: boolean }> {
    for (let attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt += 1) {
      const existing = await this.periods.findByGrant(grant.id);
      if (existing) {
        return { period: existing, appended: false, renewal: existing.seq > 1 };
      }
      const last = await this.periods.findLatest(membershipId);
      const next = nextPeriod({
        last,
        now: this.clock.now(),
        durationMinutes: grant.durationMinutes,
      });
      try {
        const period = await this.periods.insert({ ...next, membershipId, grantId: grant.id });
        return { period, appended: true, renewal: last !== undefined };
      } catch (error) {
        if (!isDuplicateKeyError(error)) {
          throw error;
        }
      }
    }
    throw new Error(
      `Could not append a period for grant ${grant.id} after ${MAX_APPEND_ATTEMPTS} attempts`,
    );
  }
}
