import type { LeaseView } from '../../leases/job-lease.repository';
import type { OutboxStats } from '../../outbox/outbox.types';

export type ProbeStatus = 'up' | 'down' | 'off';

export interface ProbeResult {
  status: ProbeStatus;
  latencyMs?: number;
  error?: string;
}

export interface SystemCheck {
  /** ok: everything answered and the outbox keeps up; degraded: see `warnings`. */
  status: 'ok' | 'degraded';
  checkedAt: Date;
  warnings: string[];
  database: ProbeResult;
  telegram: ProbeResult & { botUsername?: string };
  outbox: OutboxStats;
  jobs: Array<LeaseView & { running: boolean }>;
}
