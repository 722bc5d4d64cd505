import { Injectable } from '@nestjs/common';

/**
 * How many members a channel has through active paid access. The memberships domain implements
 * it and plugs itself in with `ChannelMemberCounts.use(counter)` at start-up; until something
 * does, every channel counts 0.
 */
export interface ActiveMemberCounter {
  /** Counts by channel id; channels missing from the map count 0. */
  countActive(params: { sellerId: string; channelIds: string[] }): Promise<Map<string, number>>;
}

@Injectable()
export class ChannelMemberCounts {
  private counter: ActiveMemberCounter | undefined;

  use(counter: ActiveMemberCounter): void {
    this.counter = counter;
  }

  async countActive(sellerId: string, channelIds: string[]): Promise<Map<string, number>> {
    if (!this.counter || channelIds.length === 0) {
      return new Map();
    }
    return this.counter.countActive({ sellerId, channelIds });
  }
}
