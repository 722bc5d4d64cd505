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
}
