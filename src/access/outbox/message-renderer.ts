import type { InlineKeyboardButton } from 'telegraf/types';
import type { MembershipView } from '../../memberships/membership.types';
import type { AccessLinkRecord } from '../access-link.repository';
import { accessText, channelList, dateText, daysText } from '../access.texts';
import type { AccessMessageContent } from './access-jobs';

export interface RenderedMessage {
  text: string;
  buttons: InlineKeyboardButton[][];
}

export interface RenderContext {
  membership: MembershipView;
  /** The delivery's links, for `delivery` messages. */
  links: AccessLinkRecord[];
  /** The link a `link_misused` message is about. */
  link?: AccessLinkRecord;
  botUsername?: string;
  linkTtlHours: number;
}

const PLAN_ID = /^[0-9a-f]{24}$/;

/** Builds a member message from current data (nothing rendered is ever stored). Pure. */
export function renderMessage(content: AccessMessageContent, ctx: RenderContext): RenderedMessage {
  const channels = channelList(ctx.membership.channels);
  switch (content.type) {
    case 'delivery':
      return renderDelivery(ctx);
    case 'reminder':
      return {
        text: accessText('reminder.text', {
          channels,
          days: daysText(content.daysLeft),
          date: dateText(ctx.membership.expiresAt),
        }),
        buttons: renewButton(ctx),
      };
    case 'grace':
      return {
        text: accessText('grace.text', { channels, date: dateText(ctx.membership.graceEndsAt) }),
        buttons: [],
      };
    case 'ended':
      return {
        text: accessText(content.reason === 'expired' ? 'ended.expired' : 'ended.revoked', {
          channels,
        }),
        buttons: content.reason === 'expired' ? renewButton(ctx) : [],
      };
    case 'link_misused':
      return {
        text: accessText('misused.text', {
          title: ctx.link?.title ?? String(ctx.link?.chatId ?? ''),
        }),
        buttons: [],
      };
  }
}

function renderDelivery(ctx: RenderContext): RenderedMessage {
  const issued = ctx.links.filter((l) => l.inviteLink !== undefined);
  const lines: string[] = [];
  const title = (l: AccessLinkRecord): string => l.title ?? String(l.chatId);
  if (issued.length > 0) {
    lines.push(accessText('links.ready'));
  }
  for (const link of ctx.links) {
    if (link.inviteLink && link.mode === 'join_request') {
      lines.push(accessText('links.joinRequest', { title: title(link) }));
    } else if (link.status === 'not_needed' && link.note === 'already_member') {
      lines.push(accessText('links.alreadyMember', { title: title(link) }));
    } else if (link.status === 'failed') {
      lines.push(accessText('links.failed', { title: title(link) }));
    }
  }
  if (issued.length > 0) {
    lines.push('', accessText('links.rules', { hours: ctx.linkTtlHours }));
  } else if (ctx.links.length > 0 && ctx.links.every((l) => l.note === 'already_member')) {
    // A renewal of someone already in every chat: no link, just the news.
    lines.splice(0, lines.length, allSet(ctx));
  } else if (lines.length === 0) {
    lines.push(accessText('links.noneReady'));
  }
  return {
    text: lines.join('\n'),
    buttons: issued.map((l) => [
      { text: accessText('links.button', { title: title(l) }), url: l.inviteLink! },
    ]),
  };
}

function allSet(ctx: RenderContext): string {
  return accessText('links.allSet', {
    channels: channelList(ctx.membership.channels),
    date: dateText(ctx.membership.expiresAt),
  });
}

function renewButton(ctx: RenderContext): InlineKeyboardButton[][] {
  if (!ctx.botUsername || !PLAN_ID.test(ctx.membership.planId) || ctx.membership.test) {
    return [];
  }
  const url = `https://t.me/${ctx.botUsername}?start=plan_${ctx.membership.planId}`;
  return [[{ text: accessText('reminder.button'), url }]];
}
