import { ChannelEvents } from '../channels/channel.events';

/** Events a seller's server can subscribe to; an endpoint with no events gets all of them. */
export const WEBHOOK_EVENT_TYPES = [
  'member.joined',
  'member.left',
  'payment.succeeded',
  'payment.failed',
  'subscription.renewed',
  'subscription.expired',
  ChannelEvents.RightsLost,
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
