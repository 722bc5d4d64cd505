import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { Clock } from '../common/clock/clock';
import { MembershipEventRepository } from './membership-event.repository';
import { MembershipPatch, MembershipRepository } from './membership.repository';
import { canTransition, hasAccess, MembershipStatus } from './membership-status';
import { MembershipView } from './membership.types';
import { MembershipEvents, MembershipStatusChangedEvent } from './memberships.events';

/** Changes a membership's status, records why, and tells the rest of the system. */
@Injectable()
export class MembershipLifecycleService {
  private readonly logger = new Logger(MembershipLifecycleService.name);

  constructor(
    private readonly memberships: MembershipRepository,
    private readonly history: MembershipEventRepository,
    private readonly events: EventEmitter2,
    private readonly clock: Clock,
  ) {}

  /**
   * Moves to `to` when the transition is allowed; returns false (and changes nothing) otherwise,
   * so a late or repeated event cannot drag a membership backwards.
   */
  async transition(params: {
    membership: MembershipView;
    to: MembershipStatus;
    reason: string;
    patch?: MembershipPatch;
  }): Promise<boolean> {
    const { membership, to, reason, patch } = params;
    if (!canTransition(membership.status, to)) {
      this.logger.debug(`Ignored ${membership.status} -> ${to} for ${membership.id} (${reason})`);
      return false;
    }
    const at = this.clock.now();
    const ended = !hasAccess(to) && to !== 'pending';
    await this.memberships.update(membership.id, {
      ...patch,
      status: to,
      ...(ended && !membership.endedAt ? { endedAt: at } : {}),
    });
    if (!ended && membership.endedAt) {
      await this.memberships.unsetEnded(membership.id);
    }
    if (membership.status !== to) {
      await this.history.record({
        membershipId: membership.id,
        sellerId: membership.sellerId,
        from: membership.status,
        to,
        reason,
        at,
      });
      const event: MembershipStatusChangedEvent = {
        membership: { ...membership, ...patch, status: to },
        from: membership.status,
        reason,
        at,
      };
      await this.events.emitAsync(MembershipEvents.StatusChanged, event);
    }
    return true;
  }

  /**
   * One move to an ended status for a batch (the expiry sweep): one update, one history insert,
   * then the usual event per membership. Returns the memberships that moved.
   */
  async endMany(params: {
    memberships: MembershipView[];
    to: Extract<MembershipStatus, 'expired' | 'removed' | 'cancelled'>;
    reason: (membership: MembershipView) => string;
  }): Promise<MembershipView[]> {
    const moving = params.memberships.filter((m) => canTransition(m.status, params.to));
    if (moving.length === 0) {
      return [];
    }
    const at = this.clock.now();
    await this.memberships.updateMany(
      moving.map((m) => m.id),
      { status: params.to, endedAt: at },
    );
    await this.history.recordMany(
      moving.map((m) => ({
        membershipId: m.id,
        sellerId: m.sellerId,
        from: m.status,
        to: params.to,
        reason: params.reason(m),
        at,
      })),
    );
    const moved = moving.map((m) => ({ ...m, status: params.to, endedAt: at }));
    for (const [i, membership] of moved.entries()) {
      const event: MembershipStatusChangedEvent = {
        membership,
        from: moving[i].status,
        reason: params.reason(moving[i]),
        at,
      };
      await this.events.emitAsync(MembershipEvents.StatusChanged, event);
    }
    return moved;
  }
}
