/** What admins are alerted about; each kind has its own anti-spam budget. */
export const ALERT_KINDS = [
  'outbox_job_dead',
  'channel_rights_lost',
  'seller_webhook_failing',
  'recovery_report',
  'recovery_exhausted',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/**
 * Alerts of one kind per hour before the rest of that hour is summed up in a single
 * "more suppressed" message: an outage that kills a thousand jobs must not send a thousand
 * messages to every admin.
 */
export const ALERTS_PER_KIND_PER_HOUR = 10;
