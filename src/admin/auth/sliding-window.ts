/**
 * Seconds until enough of the counted events (oldest first) leave the window to allow one more,
 * or undefined while under the limit. Pure.
 */
export function secondsUntilAllowed(params: {
  times: Date[];
  limit: number;
  windowMs: number;
  now: Date;
}): number | undefined {
  const { times, limit, windowMs, now } = params;
  if (times.length < limit) {
    return undefined;
  }
  const mustLeave = times[times.length - limit];
  const ms = mustLeave.getTime() + windowMs - now.getTime();
  return Math.max(1, Math.ceil(ms / 1000));
}
