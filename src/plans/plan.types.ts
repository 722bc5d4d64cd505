export const PLAN_BILLING = ['one_off', 'recurring'] as const;
export type PlanBilling = (typeof PLAN_BILLING)[number];

/** `invite_link`: a personal one-use link; `join_request`: the bot approves the buyer's request. */
export const PLAN_ACCESS_MODES = ['invite_link', 'join_request'] as const;
export type PlanAccessMode = (typeof PLAN_ACCESS_MODES)[number];

export interface PlanLimits {
  /** Only people who never had access through this seller may buy it. */
  newCustomersOnly: boolean;
  /** At most this many members with active access; null = no cap. */
  maxMembers: number | null;
}

/** A Telegram Stars subscription renews every 30 days, no other period. */
export const STARS_SUBSCRIPTION_DAYS = 30;

/** Telegram's only period for a channel's subscription link, in seconds (30 days). */
export const STAR_SUBSCRIPTION_PERIOD_SECONDS = STARS_SUBSCRIPTION_DAYS * 24 * 60 * 60;

/** The highest price Telegram accepts for a subscription link, in Stars. */
export const STAR_SUBSCRIPTION_MAX_PRICE = 10_000;
