import { planIdOfLinkName, starSubscriptionLinkName } from './star-subscription-link.job';

describe('subscription link names', () => {
  it('name the plan within Telegram’s 32 characters and read it back', () => {
    const name = starSubscriptionLinkName('665f1c2e8b3e4a0012345679');
    expect(name.length).toBeLessThanOrEqual(32);
    expect(planIdOfLinkName(name)).toBe('665f1c2e8b3e4a0012345679');
  });

  it('reads no plan from names that are not ours', () => {
    for (const name of [
      undefined,
      '',
      'sub:',
      'sub:xyz',
      'VIP link',
      'sub:665f1c2e8b3e4a0012345679x',
    ]) {
      expect(planIdOfLinkName(name)).toBeUndefined();
    }
  });
});
