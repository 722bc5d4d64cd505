import type { MembershipStatus } from './membership-status';
import type { GrantView, MembershipView, PeriodView } from './membership.types';

/** Events the memberships domain emits (awaited with emitAsync); seller webhooks and notifications listen. */
export const MembershipEvents = {
  /** A grant added paid time; `renewal` when the membership already existed with paid time. */
  Granted: 'membership.granted',
  StatusChanged: 'membership.status_changed',
  /** The paying user joined one of the plan's chats. */
  MemberJoined: 'membership.member_joined',
  MemberLeft: 'membership.member_left',
  /**
   * A join that only another domain could tie to its membership, after the chat_member update was
   * handled (a Telegram Star subscription join: the membership is granted from that very update).
   * Access records the presence and announces MemberJoined, once per join.
   */
  JoinAttributed: 'membership.join_attributed',
} as const;

export interface MembershipGrantedEvent {
  membership: MembershipView;
  grant: GrantView;
  period: PeriodView;
  renewal: boolean;
}

export interface MembershipStatusChangedEvent {
  membership: MembershipView;
  from: MembershipStatus;
  reason: string;
  at: Date;
}

export interface MemberPresenceEvent {
  membership: MembershipView;
  chatId: number;
  telegramUserId: number;
  at: Date;
}
