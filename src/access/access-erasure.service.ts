import { Injectable } from '@nestjs/common';
import { AccessLinkRepository } from './access-link.repository';
import { AccessRemovalRepository } from './access-removal.repository';
import { OutboxService } from '../outbox/outbox.service';
import { ManualClaimsService } from './claims/manual-claims.service';
import { AccessJobs } from './outbox/access-jobs';
import { JoinDecisionRepository } from './join-decision.repository';
import { MemberPresenceRepository } from './member-presence.repository';

/** A membership's jobs are few (links, messages, removals per cycle); this bounds a read. */
const MAX_JOBS_LOOKED_AT = 1_000;

/** The access domain's part of a privacy erasure: everything it keeps about a membership. */
@Injectable()
export class AccessErasureService {
  constructor(
    private readonly links: AccessLinkRepository,
    private readonly removals: AccessRemovalRepository,
    private readonly decisions: JoinDecisionRepository,
    private readonly presence: MemberPresenceRepository,
    private readonly manualClaims: ManualClaimsService,
    private readonly outbox: OutboxService,
  ) {}

  /** A member still being removed from a chat must keep their Telegram id until that is done. */
  async removalPending(membershipId: string): Promise<boolean> {
    const jobs = await this.outbox.findByCorrelation({ membershipId }, MAX_JOBS_LOOKED_AT);
    return jobs.some(
      (j) => j.kind === AccessJobs.Remove && (j.status === 'pending' || j.status === 'sending'),
    );
  }

  async eraseMembership(membershipId: string, grantIds: string[]): Promise<void> {
    await this.manualClaims.deleteForGrants(grantIds);
    await this.links.deleteForMembership(membershipId);
    await this.decisions.deleteForMembership(membershipId);
    await this.presence.deleteForMembership(membershipId);
  }

  /** Records about non-members (strangers removed, join requests answered) past `before`. */
  async purgeBefore(before: Date): Promise<number> {
    return (
      (await this.decisions.deleteBefore(before)) +
      (await this.removals.deleteFinishedStrangersBefore(before))
    );
  }
}
