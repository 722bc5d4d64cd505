import { Injectable } from '@nestjs/common';
import { AccessLinkRepository } from './access-link.repository';
import { AccessRemovalRepository } from './access-removal.repository';
import { ManualClaimsService } from './claims/manual-claims.service';
import { JoinDecisionRepository } from './join-decision.repository';
import { MemberPresenceRepository } from './member-presence.repository';

/** The access domain's part of a privacy erasure: everything it keeps about a membership. */
@Injectable()
export class AccessErasureService {
  constructor(
    private readonly links: AccessLinkRepository,
    private readonly removals: AccessRemovalRepository,
    private readonly decisions: JoinDecisionRepository,
    private readonly presence: MemberPresenceRepository,
    private readonly manualClaims: ManualClaimsService,
  ) {}

  /** A member still being removed from a chat must keep their Telegram id until that is done. */
  async removalPending(membershipId: string): Promise<boolean> {
    return (await this.removals.countPending(membershipId)) > 0;
  }

  async eraseMembership(membershipId: string, grantIds: string[]): Promise<void> {
    await this.manualClaims.deleteForGrants(grantIds);
    await this.links.deleteForMembership(membershipId);
    await this.removals.deleteForMembership(membershipId);
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
