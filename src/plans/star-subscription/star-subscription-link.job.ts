/** The outbox job that creates a plan's Telegram subscription link (named by the plan). */
export const STAR_SUBSCRIPTION_LINK_JOB = 'plans.subscription_link' as const;

export interface StarSubscriptionLinkJob {
  planId: string;
}

declare module '../../outbox/outbox.types' {
  interface OutboxPayloads {
    [STAR_SUBSCRIPTION_LINK_JOB]: StarSubscriptionLinkJob;
  }
}

export function starSubscriptionLinkJobKey(planId: string): string {
  return `plan-sub-link:${planId}`;
}

/** The link's name in Telegram: it comes back with every join through the link. */
export function starSubscriptionLinkName(planId: string): string {
  return `sub:${planId}`;
}

/** The plan a link name names, if it is one of ours. */
export function planIdOfLinkName(name: string | undefined): string | undefined {
  return /^sub:([0-9a-f]{24})$/.exec(name ?? '')?.[1];
}
