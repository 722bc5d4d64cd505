/** The fake's notion of "now". Tests pass their own to make timestamps deterministic. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

export type RecurringInterval = 'day' | 'week' | 'month' | 'year';

export const RECURRING_INTERVALS: readonly RecurringInterval[] = ['day', 'week', 'month', 'year'];

/** Stripe timestamps are whole unix seconds. */
export function unixSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

/**
 * Adds billing intervals to a unix timestamp the way Stripe bills: months and years move the
 * calendar date in UTC and clamp to the month's last day (Jan 31 + 1 month = Feb 28/29).
 */
export function addInterval(input: {
  fromSeconds: number;
  interval: RecurringInterval;
  count: number;
}): number {
  const { fromSeconds, interval, count } = input;
  switch (interval) {
    case 'day':
      return fromSeconds + count * 86_400;
    case 'week':
      return fromSeconds + count * 7 * 86_400;
    case 'month':
      return addMonths(fromSeconds, count);
    case 'year':
      return addMonths(fromSeconds, count * 12);
  }
}

function addMonths(fromSeconds: number, months: number): number {
  const from = new Date(fromSeconds * 1000);
  const targetMonth = from.getUTCMonth() + months;
  const lastDayOfTarget = new Date(
    Date.UTC(from.getUTCFullYear(), targetMonth + 1, 0),
  ).getUTCDate();
  const result = Date.UTC(
    from.getUTCFullYear(),
    targetMonth,
    Math.min(from.getUTCDate(), lastDayOfTarget),
    from.getUTCHours(),
    from.getUTCMinutes(),
    from.getUTCSeconds(),
  );
  return Math.floor(result / 1000);
}
