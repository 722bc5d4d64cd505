import { assertPlanRules } from './plan-rules';
import type { PlanFields } from './plan.repository';

const base: PlanFields = {
  name: 'Monthly',
  description: null,
  priceMinor: 999,
  currency: 'USD',
  durationDays: 30,
  durationMinutes: null,
  channelIds: ['a'],
  trialDays: 0,
  billing: 'recurring',
  accessMode: 'invite_link',
  active: true,
  limits: { newCustomersOnly: false, maxMembers: null },
  updatedAt: new Date(),
};

const codeOf = (plan: PlanFields): string | undefined => {
  try {
    assertPlanRules(plan);
    return undefined;
  } catch (error) {
    return (error as { code: string }).code;
  }
};

describe('assertPlanRules', () => {
  it('accepts a plain card plan, and a free one', () => {
    expect(codeOf(base)).toBeUndefined();
    expect(codeOf({ ...base, priceMinor: 0 })).toBeUndefined();
  });

  it('wants exactly one duration', () => {
    expect(codeOf({ ...base, durationDays: null })).toBe('VALIDATION_FAILED');
    expect(codeOf({ ...base, durationMinutes: 5 })).toBe('VALIDATION_FAILED');
    expect(codeOf({ ...base, durationDays: null, durationMinutes: 5 })).toBeUndefined();
  });

  it('wants at least one Star for a Stars plan', () => {
    expect(codeOf({ ...base, currency: 'XTR', priceMinor: 0 })).toBe('INVALID_STARS_PRICE');
    expect(codeOf({ ...base, currency: 'XTR', priceMinor: 1 })).toBeUndefined();
  });

  it('allows a Stars subscription only with a 30-day period', () => {
    expect(codeOf({ ...base, currency: 'XTR', priceMinor: 50, durationDays: 7 })).toBe(
      'STARS_SUBSCRIPTION_PERIOD',
    );
    expect(
      codeOf({ ...base, currency: 'XTR', priceMinor: 50, durationDays: 7, billing: 'one_off' }),
    ).toBeUndefined();
  });
});
