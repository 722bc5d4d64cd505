import type { OutboxJob } from '../outbox/outbox.types';
import type { RecoveryAttemptRecord } from './recovery-attempt.repository';

export const DELIVERY_STATUSES = ['pending', 'success', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * The access domain's job kinds and payload shapes that make up a delivery of invite links (see
 * src/access/outbox/access-jobs.ts): one `access.link` job per chat (payload `linkId` =
 * `<deliveryId>:<chatId>`), then one `access.message` job carrying the links (payload
 * `content: { type: 'delivery', deliveryId }`). Kept here in one place: it is all this domain
 * knows about how access keys its work.
 */
export const LINK_JOB_KIND = 'access.link';
export const MESSAGE_JOB_KIND = 'access.message';

/** A payment's delivery state, derived from its outbox jobs; never stored as the truth. */
export interface DeliveryState {
  /** Some delivery's message with the links was sent. */
  linkDelivered: boolean;
  deliveryStatus: DeliveryStatus;
  /** Attempts the deliveries took: per delivery its most-tried job, summed over deliveries. */
  deliveryAttempts: number;
  lastDeliveryAttempt: Date | null;
  failureReason: string | null;
  /** Deliveries made for the payment (the grant's first one, then re-deliveries). */
  deliveries: number;
  /** Some delivery job is still waiting or being attempted (the outbox is on it). */
  inFlight: boolean;
  recoveryAttempts: number;
  /** Recovery ran and the payer now has access: delivered, or found already in every chat. */
  recoveryCompleted: boolean;
}

interface Delivery {
  id: string;
  firstAt: number;
  links: OutboxJob[];
  message?: OutboxJob;
}

const FINISHED_BAD = new Set(['failed', 'dead']);

/** Pure: the state of a payment's delivery from its jobs and recovery attempts. */
export function deriveDeliveryState(
  jobs: OutboxJob[],
  attempts: RecoveryAttemptRecord[] = [],
): DeliveryState {
  const deliveries = groupDeliveries(jobs);
  const statuses = deliveries.map(statusOf);
  const latest = deliveries.at(-1);
  const linkDelivered = deliveries.some((d) => d.message?.status === 'done');
  const deliveryStatus: DeliveryStatus = statuses.includes('success')
    ? 'success'
    : (statuses.at(-1) ?? 'pending');
  const all = deliveries.flatMap((d) => [...d.links, ...(d.message ? [d.message] : [])]);
  const tried = all.filter((j) => j.attempts > 0);
  const lastDeliveryAttempt =
    tried.length === 0
      ? null
      : new Date(Math.max(...tried.map((j) => new Date(j.updatedAt).getTime())));
  const recoveryAlreadyMember = attempts.some((a) => a.action === 'already_member');
  return {
    linkDelivered,
    deliveryStatus:
      recoveryAlreadyMember && deliveryStatus !== 'success' ? 'success' : deliveryStatus,
    deliveryAttempts: deliveries.reduce(
      (sum, d) =>
        sum +
        Math.max(0, ...[...d.links, ...(d.message ? [d.message] : [])].map((j) => j.attempts)),
      0,
    ),
    lastDeliveryAttempt,
    failureReason: deliveryStatus === 'success' ? null : failureOf(latest),
    deliveries: deliveries.length,
    inFlight: all.some((j) => j.status === 'pending' || j.status === 'sending'),
    recoveryAttempts: attempts.length,
    recoveryCompleted:
      attempts.length > 0 && (deliveryStatus === 'success' || recoveryAlreadyMember),
  };
}

/** The id of the delivery a job belongs to, or undefined for jobs that deliver no links. */
export function deliveryIdOf(job: OutboxJob): string | undefined {
  const payload = job.payload as unknown as Record<string, unknown>;
  if (job.kind === (LINK_JOB_KIND as string) && typeof payload.linkId === 'string') {
    const cut = payload.linkId.lastIndexOf(':');
    return cut > 0 ? payload.linkId.slice(0, cut) : undefined;
  }
  if (job.kind === (MESSAGE_JOB_KIND as string)) {
    const content = payload.content as { type?: unknown; deliveryId?: unknown } | undefined;
    return content?.type === 'delivery' && typeof content.deliveryId === 'string'
      ? content.deliveryId
      : undefined;
  }
  return undefined;
}

/** The jobs of the delivery started last (a re-delivery supersedes the ones before it). */
export function latestDeliveryJobs(jobs: OutboxJob[]): OutboxJob[] {
  const latest = groupDeliveries(jobs).at(-1);
  return latest ? [...latest.links, ...(latest.message ? [latest.message] : [])] : [];
}

function groupDeliveries(jobs: OutboxJob[]): Delivery[] {
  const byId = new Map<string, Delivery>();
  for (const job of jobs) {
    const id = deliveryIdOf(job);
    if (!id) {
      continue;
    }
    const delivery = byId.get(id) ?? { id, firstAt: Number.POSITIVE_INFINITY, links: [] };
    delivery.firstAt = Math.min(delivery.firstAt, new Date(job.createdAt).getTime());
    if (job.kind === (MESSAGE_JOB_KIND as string)) {
      delivery.message = job;
    } else {
      delivery.links.push(job);
    }
    byId.set(id, delivery);
  }
  return [...byId.values()].sort((a, b) => a.firstAt - b.firstAt);
}

function statusOf(delivery: Delivery): DeliveryStatus {
  const jobs = [...delivery.links, ...(delivery.message ? [delivery.message] : [])];
  if (jobs.some((j) => FINISHED_BAD.has(j.status))) {
    return 'failed';
  }
  return delivery.message?.status === 'done' ? 'success' : 'pending';
}

function failureOf(delivery: Delivery | undefined): string | null {
  if (!delivery) {
    return null;
  }
  const jobs = [...delivery.links, ...(delivery.message ? [delivery.message] : [])];
  const bad = jobs.find((j) => FINISHED_BAD.has(j.status));
  if (bad) {
    return bad.lastError ?? `${bad.kind} ${bad.status}`;
  }
  return jobs.find((j) => j.lastError)?.lastError ?? null;
}
