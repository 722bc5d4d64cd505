import { assessBotRights } from './bot-rights';

describe('assessBotRights', () => {
  it('accepts an administrator with both rights', () => {
    expect(
      assessBotRights({
        status: 'administrator',
        rights: { can_invite_users: true, can_restrict_members: true },
      }),
    ).toEqual({ botStatus: 'administrator', isAdmin: true, missingRights: [], ok: true });
  });

  it('names each right an administrator lacks', () => {
    expect(
      assessBotRights({ status: 'administrator', rights: { can_invite_users: true } })
        .missingRights,
    ).toEqual(['can_restrict_members']);
    expect(assessBotRights({ status: 'administrator', rights: {} }).missingRights).toEqual([
      'can_invite_users',
      'can_restrict_members',
    ]);
  });

  it('refuses a bot that is a plain member, left or was kicked', () => {
    for (const status of ['member', 'left', 'kicked', 'restricted']) {
      expect(assessBotRights({ status, rights: {} })).toMatchObject({ isAdmin: false, ok: false });
    }
  });
});
