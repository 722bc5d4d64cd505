/** Events the channels domain emits (webhook deliveries and bot notifications consume them). */
export const ChannelEvents = {
  /** The bot lost a right it needs (or was removed) in a connected channel. Once per loss. */
  RightsLost: 'channel.rights_lost',
} as const;

export interface ChannelRightsLostEvent {
  /** Stable per loss: consumers dedupe on it (the same loss is never announced twice). */
  eventId: string;
  sellerId: string;
  channelId: string;
  chatId: number;
  title: string;
  botStatus: string;
  missingRights: string[];
  at: Date;
}
