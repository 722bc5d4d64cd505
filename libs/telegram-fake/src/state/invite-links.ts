import type { ChatInviteLink, User } from '../types';
import { randomToken } from './ids';

export interface InviteLinkRecord {
  link: string;
  chatId: number;
  creatorId: number;
  name?: string;
  expireDate?: number;
  memberLimit?: number;
  createsJoinRequest: boolean;
  isPrimary: boolean;
  isRevoked: boolean;
  subscriptionPeriod?: number;
  subscriptionPrice?: number;
  /**
   * Users currently in the chat who joined through this link. Telegram's member_limit caps
   * simultaneous members, so leaving frees the slot.
   */
  members: Set<number>;
}

export type LinkRefusal = 'expired' | 'revoked' | 'full';

export class InviteLinkStore {
  private readonly links = new Map<string, InviteLinkRecord>();

  create(input: Omit<InviteLinkRecord, 'link' | 'members' | 'isRevoked'>): InviteLinkRecord {
    let link: string;
    do {
      link = `https://t.me/+${randomToken(16)}`;
    } while (this.links.has(link));
    const record: InviteLinkRecord = { ...input, link, isRevoked: false, members: new Set() };
    this.links.set(link, record);
    return record;
  }

  /** Accepts the full URL, the t.me/joinchat/ form or the bare hash. */
  find(link: string): InviteLinkRecord | undefined {
    return this.links.get(normalize(link));
  }

  forChat(chatId: number): InviteLinkRecord[] {
    return [...this.links.values()].filter((l) => l.chatId === chatId);
  }

  /** Why a user cannot use this link right now, if they cannot. */
  refusal(record: InviteLinkRecord, now: number): LinkRefusal | undefined {
    if (record.isRevoked) {
      return 'revoked';
    }
    if (record.expireDate !== undefined && record.expireDate > 0 && record.expireDate <= now) {
      return 'expired';
    }
    if (record.memberLimit !== undefined && record.members.size >= record.memberLimit) {
      return 'full';
    }
    return undefined;
  }

  /** A member left or was removed: frees their slot on whichever link they came through. */
  releaseMember(chatId: number, userId: number): void {
    for (const link of this.forChat(chatId)) {
      link.members.delete(userId);
    }
  }

  clear(): void {
    this.links.clear();
  }
}

export function normalize(link: string): string {
  const trimmed = link.trim();
  const hash = /(?:t\.me\/(?:\+|joinchat\/))?([\w-]+)$/.exec(trimmed.replace(/^https?:\/\//, ''));
  return hash ? `https://t.me/+${hash[1]}` : trimmed;
}

export function toChatInviteLink(
  record: InviteLinkRecord,
  creator: User,
  pendingJoinRequests: number,
): ChatInviteLink {
  return {
    invite_link: record.link,
    creator,
    creates_join_request: record.createsJoinRequest,
    is_primary: record.isPrimary,
    is_revoked: record.isRevoked,
    ...(record.name ? { name: record.name } : {}),
    ...(record.expireDate ? { expire_date: record.expireDate } : {}),
    ...(record.memberLimit ? { member_limit: record.memberLimit } : {}),
    ...(record.createsJoinRequest ? { pending_join_request_count: pendingJoinRequests } : {}),
    ...(record.subscriptionPeriod
      ? {
          subscription_period: record.subscriptionPeriod,
          subscription_price: record.subscriptionPrice,
        }
      : {}),
  };
}
