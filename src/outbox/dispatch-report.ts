/** What one dispatch pass (or a drain of several) did; returned to the job runner and tests. */
export interface DispatchReport {
  /** Attempts this instance claimed and started. */
  claimed: number;
  done: number;
  /** Failed for now, to be tried again after a back-off. */
  retried: number;
  /** Telegram said 429; waiting retry_after. */
  throttled: number;
  /** Refused for good. */
  failed: number;
  /** Out of attempts. */
  dead: number;
  /** Stopped by an application shutdown; pending again. */
  interrupted: number;
  /** Claims another instance won, or attempts another instance took over. */
  lost: number;
  /** Due, but no rate budget right now. */
  deferred: number;
}

export function emptyReport(): DispatchReport {
  return {
    claimed: 0,
    done: 0,
    retried: 0,
    throttled: 0,
    failed: 0,
    dead: 0,
    interrupted: 0,
    lost: 0,
    deferred: 0,
  };
}

export function addReport(total: DispatchReport, part: DispatchReport): DispatchReport {
  for (const key of Object.keys(total) as (keyof DispatchReport)[]) {
    total[key] += part[key];
  }
  return total;
}
