const UNIT_MINUTES = { m: 1, h: 60, d: 24 * 60 } as const;
const MAX_MINUTES = 30 * 24 * 60;

/** `1m`, `2m`, `1h`, `1d`... as minutes; undefined when it is not such a duration. Pure. */
export function parseTestDuration(text: string | undefined): number | undefined {
  const match = /^(\d{1,4})([mhd])$/.exec((text ?? '').trim().toLowerCase());
  if (!match) {
    return undefined;
  }
  const minutes = Number(match[1]) * UNIT_MINUTES[match[2] as keyof typeof UNIT_MINUTES];
  return isTestDuration(minutes) ? minutes : undefined;
}

/** A length a test membership may have, in minutes (what a channel button carries back). */
export function isTestDuration(minutes: number): boolean {
  return Number.isInteger(minutes) && minutes > 0 && minutes <= MAX_MINUTES;
}

export function durationLabel(minutes: number): string {
  if (minutes % (24 * 60) === 0) {
    return `${minutes / (24 * 60)}d`;
  }
  return minutes % 60 === 0 ? `${minutes / 60}h` : `${minutes}m`;
}
