/**
 * An entry of a membership's ledger of paid time. A `paid` entry is appended by exactly one grant;
 * a `revoked` entry (a refund, a seller's removal) ends all paid time before it at its instant.
 */
export interface PeriodLike {
  seq: number;
  startsAt: Date;
  endsAt: Date;
  kind?: PeriodKind;
}

export type PeriodKind = 'paid' | 'revoked';

/**
 * Where the next period starts: renewals stack onto the current paid time; after a lapse (or a
 * revocation) the new period starts now, so a customer never pays for days that already passed.
 */
export function nextPeriod(params: {
  last: PeriodLike | undefined;
  now: Date;
  durationMinutes: number;
}): PeriodLike {
  const { last, now, durationMinutes } = params;
  const startsAt = last && last.endsAt > now ? last.endsAt : now;
  return {
    seq: (last?.seq ?? 0) + 1,
    startsAt,
    endsAt: new Date(startsAt.getTime() + durationMinutes * 60_000),
  };
}

/**
 * The paid-until date a whole ledger proves; the membership document only caches it. A revocation
 * voids every entry before it: what counts is the revocation's instant and anything paid after.
 * Reads never load the whole ledger: for one appended only through `nextPeriod` and revocations
 * at "now", this is the latest entry's end (property-tested in periods.spec.ts), which is what
 * the code uses.
 */
export function paidUntil(periods: readonly PeriodLike[]): Date | undefined {
  const lastRevocation = periods
    .filter((p) => p.kind === 'revoked')
    .reduce<number>((max, p) => Math.max(max, p.seq), 0);
  return periods
    .filter((p) => p.seq >= lastRevocation)
    .reduce<Date | undefined>(
      (max, p) => (max === undefined || p.endsAt > max ? p.endsAt : max),
      undefined,
    );
}
