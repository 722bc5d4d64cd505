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
import { nextPeriod } from './periods';

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
 * (`<provider>:<providerPaymentId>`) and the period's `grantId` in the ledger, so repeated or
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
    const { period, appended, renewal } = await this.appendPeriod(membership, grant);
    // Renewals racing ours may have stacked after our slot: the cache gets the ledger's latest end
    // (which is the ledger's paid-until, see periods.spec.ts) and its seq as the next probe hint.
    const latest = await this.periods.latestFrom(period);
    const patch = {
      expiresAt: latest.endsAt,
      ledgerSeq: latest.seq,
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
      periodSeq: period.seq,
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
   * Appends this grant's period in the slot after the latest entry. The slot (`_id`) and the
   * grant (`grantId`) are both unique, and FerretDB's duplicate-key error does not say which one
   * collided, so the slot is read back: our grant there means a concurrent apply of this grant
   * won; another grant there means a racing renewal took it (re-probe, stack after it); an empty
   * slot means the collision was on the grant: its period sits in an earlier slot (a crash after
   * the append, before `markApplied` recorded `periodSeq`).
   */
  private async appendPeriod(
    membership: MembershipView,
    grant: GrantView,
  ): Promise<{ period: PeriodView; appended: boolean; renewal: boolean }> {
    const known = await this.knownPeriod(membership.id, grant);
    if (known) {
      return known;
    }
    let hintSeq = membership.ledgerSeq;
    for (let attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt += 1) {
      const last = await this.periods.findLatest(membership.id, hintSeq);
      if (last?.grantId === grant.id) {
        return existing(last);
      }
      const next = nextPeriod({
        last,
        now: this.clock.now(),
        durationMinutes: grant.durationMinutes,
      });
      try {
        const period = await this.periods.insertPaid({
          ...next,
          membershipId: membership.id,
          grantId: grant.id,
        });
        return { period, appended: true, renewal: last !== undefined };
      } catch (error) {
        if (!isDuplicateKeyError(error)) {
          throw error;
        }
      }
      const taken = await this.periods.findSlot(membership.id, next.seq);
      if (taken?.grantId === grant.id) {
        return existing(taken);
      }
      if (taken) {
        hintSeq = taken.seq;
        continue;
      }
      const earlier = await this.periods.findGrantPeriod({
        membershipId: membership.id,
        grantId: grant.id,
        fromSeq: last?.seq ?? 0,
      });
      if (earlier) {
        return existing(earlier);
      }
      // Not in this ledger (a period written in the pre-slot layout): nothing sound to append.
      throw new Error(`Grant ${grant.id} collided on its period, which is not in the ledger`);
    }
    throw new Error(
      `Could not append a period for grant ${grant.id} after ${MAX_APPEND_ATTEMPTS} attempts`,
    );
  }

  /** An applied grant knows its slot: a re-apply costs one read by `_id`. */
  private async knownPeriod(
    membershipId: string,
    grant: GrantView,
  ): Promise<{ period: PeriodView; appended: false; renewal: boolean } | undefined> {
    if (grant.periodSeq === undefined || grant.membershipId !== membershipId) {
      return undefined;
    }
    const entry = await this.periods.findSlot(membershipId, grant.periodSeq);
    return entry?.grantId === grant.id ? existing(entry) : undefined;
  }
}

function existing(period: PeriodView): { period: PeriodView; appended: false; renewal: boolean } {
  return { period, appended: false, renewal: period.seq > 1 };
}
