/** A membership's life; every change is recorded with its reason in membership_events. */
export const MEMBERSHIP_STATUSES = [
  'pending',
  'active',
  'grace',
  'expired',
  'cancelled',
  'removed',
] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

/** Statuses in which the member keeps access to the plan's channels. */
export const ACCESS_STATUSES: readonly MembershipStatus[] = ['active', 'grace'];

const ALLOWED: Record<MembershipStatus, readonly MembershipStatus[]> = {
  pending: ['active', 'cancelled'],
  active: ['active', 'grace', 'expired', 'cancelled', 'removed'],
  grace: ['active', 'expired', 'cancelled', 'removed'],
  // A lapsed or removed member who pays again comes back.
  expired: ['active', 'removed'],
  cancelled: ['active', 'removed'],
  removed: ['active'],
};

export function canTransition(from: MembershipStatus, to: MembershipStatus): boolean {
  return ALLOWED[from].includes(to);
}

export function hasAccess(status: MembershipStatus): boolean {
  return ACCESS_STATUSES.includes(status);
}
