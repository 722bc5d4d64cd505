const DAY_MS = 24 * 3_600_000;

/**
 * Which reminder (in days before the end) is due now, if any: the smallest mark the remaining
 * time has reached, skipping marks the period never lived through (a 2-day period gets no
 * 3-day reminder) and larger marks already passed (only the latest one is worth sending).
 * `marks` are distinct and largest first. Pure.
 */
export function reminderDue(params: {
  expiresAt: Date;
  period: { startsAt: Date; endsAt: Date };
  now: Date;
  marks: number[];
}): number | undefined {
  const { expiresAt, period, now, marks } = params;
  const leftMs = expiresAt.getTime() - now.getTime();
  if (leftMs <= 0) {
    return undefined;
  }
  const due = marks.filter(
    (days) =>
      leftMs <= days * DAY_MS &&
      period.endsAt.getTime() - period.startsAt.getTime() > days * DAY_MS,
  );
  return due.length === 0 ? undefined : Math.min(...due);
}
