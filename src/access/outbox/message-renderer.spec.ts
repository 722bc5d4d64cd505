import type { MembershipView } from '../../memberships/membership.types';
import type { AccessLinkRecord } from '../access-link.repository';
import { renderMessage, RenderContext } from './message-renderer';

const membership = {
  id: 'm1',
  planId: '665f1c2e8b3e4a0012345679',
  channels: [
    { channelId: 'c1', chatId: -1001, title: 'VIP' },
    { channelId: 'c2', chatId: -1002, title: 'Chat' },
  ],
  expiresAt: new Date('2026-03-01T12:00:00Z'),
  test: false,
} as MembershipView;

function link(overrides: Partial<AccessLinkRecord>): AccessLinkRecord {
  return {
    _id: 'g:-1001',
    deliveryId: 'g',
    chatId: -1001,
    title: 'VIP',
    mode: 'invite_link',
    status: 'issued',
    ...overrides,
  } as AccessLinkRecord;
}

const ctx = (links: AccessLinkRecord[], extra: Partial<RenderContext> = {}): RenderContext => ({
  membership,
  links,
  botUsername: 'mg_bot',
  linkTtlHours: 24,
  ...extra,
});

describe('renderMessage', () => {
  it('puts every issued link on its own button and explains what could not be sent', () => {
    const rendered = renderMessage(
      { type: 'delivery', deliveryId: 'g', chatIds: [-1001, -1002] },
      ctx([
        link({ inviteLink: 'https://t.me/+a' }),
        link({ chatId: -1002, title: 'Chat', status: 'failed', note: 'NOT_ENOUGH_RIGHTS' }),
      ]),
    );
    expect(rendered.buttons).toEqual([[{ text: 'Join VIP', url: 'https://t.me/+a' }]]);
    expect(rendered.text).toContain('could not create a link for Chat');
    expect(rendered.text).toContain('expires in 24 hours');
  });

  it('says "all set" to a renewing member already in every chat, with no button', () => {
    const rendered = renderMessage(
      { type: 'delivery', deliveryId: 'g', chatIds: [-1001, -1002] },
      ctx([
        link({ status: 'not_needed', note: 'already_member' }),
        link({ chatId: -1002, status: 'not_needed', note: 'already_member' }),
      ]),
    );
    expect(rendered.buttons).toEqual([]);
    expect(rendered.text).toBe(
      'You are all set: your access to VIP, Chat runs until 2026-03-01 12:00 UTC.',
    );
  });

  it('offers a renew deep link in reminders, except for test memberships', () => {
    const reminder = renderMessage({ type: 'reminder', membershipId: 'm1', daysLeft: 3 }, ctx([]));
    expect(reminder.text).toBe('Your access to VIP, Chat ends in 3 days (2026-03-01 12:00 UTC).');
    expect(reminder.buttons[0][0]).toEqual({
      text: 'Renew',
      url: 'https://t.me/mg_bot?start=plan_665f1c2e8b3e4a0012345679',
    });
    const test = renderMessage(
      { type: 'reminder', membershipId: 'm1', daysLeft: 1 },
      ctx([], { membership: { ...membership, test: true } }),
    );
    expect(test.buttons).toEqual([]);
  });
});
