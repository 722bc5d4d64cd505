/** A paid stretch of time, appended to a membership's ledger by exactly one grant. */
export interface PeriodLike {
  seq: number;
  startsAt: Date;
  endsAt: Date;
}

/**
 * Where the next period starts: renewals stack onto the current paid time; after a lapse the new
 * period starts now, so a customer never pays for days that already passed.
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

/** The paid-until date the ledger proves; the membership document only caches it. */
export function paidUntil(periods: readonly PeriodLike[]): Date | undefined {
  return periods.reduce<Date | undefined>(
    (max, p) => (max === undefined || p.endsAt > max ? p.endsAt : max),
    undefined,
  );
}
