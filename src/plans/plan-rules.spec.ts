import { assertPlanRules, assertStarSubscriptionKept } from './plan-rules';
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
  starSubscription: false,
  updatedAt: new Date(),
};

const starPlan: PlanFields = {
  ...base,
  currency: 'XTR',
  priceMinor: 250,
  billing: 'recurring',
  starSubscription: true,
};

const failureOf = (check: () => void): { code: string; details?: unknown } | undefined => {
  try {
    check();
    return undefined;
  } catch (error) {
    return error as { code: string; details?: unknown };
  }
};
const codeOf = (plan: PlanFields): string | undefined =>
  failureOf(() => assertPlanRules(plan))?.code;

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

describe('Star subscription plans', () => {
  it('accepts a recurring 30-day Stars plan of one channel', () => {
    expect(codeOf(starPlan)).toBeUndefined();
    expect(codeOf({ ...starPlan, priceMinor: 10_000 })).toBeUndefined();
  });

  it('names the field that does not fit a Telegram subscription link', () => {
    const cases: Array<[Partial<PlanFields>, string]> = [
      [{ currency: 'USD' }, 'currency'],
      [{ priceMinor: 10_001 }, 'priceMinor'],
      [{ billing: 'one_off' }, 'billing'],
      [{ channelIds: ['a', 'b'] }, 'channelIds'],
      [{ accessMode: 'join_request' }, 'accessMode'],
      [{ trialDays: 3 }, 'trialDays'],
      [{ limits: { newCustomersOnly: true, maxMembers: null } }, 'limits'],
      [{ limits: { newCustomersOnly: false, maxMembers: 10 } }, 'limits'],
    ];
    for (const [change, field] of cases) {
      expect(failureOf(() => assertPlanRules({ ...starPlan, ...change }))).toMatchObject({
        code: 'STAR_SUBSCRIPTION_INVALID',
        details: { field },
      });
    }
    // A Stars plan's own rule speaks first for a period that is not 30 days.
    expect(codeOf({ ...starPlan, durationDays: 7 })).toBe('STARS_SUBSCRIPTION_PERIOD');
  });

  it('keeps the terms and the option of a plan sold through a link', () => {
    const locked = (next: Partial<PlanFields>) =>
      failureOf(() => assertStarSubscriptionKept(starPlan, { ...starPlan, ...next }));
    expect(locked({ name: 'Renamed', description: 'New words', active: false })).toBeUndefined();
    expect(locked({ priceMinor: 300 })).toMatchObject({
      code: 'STAR_SUBSCRIPTION_LOCKED',
      details: { fields: ['priceMinor'] },
    });
    expect(locked({ channelIds: ['b'], starSubscription: false })).toMatchObject({
      details: { fields: ['starSubscription', 'channelIds'] },
    });
    expect(
      failureOf(() => assertStarSubscriptionKept(base, { ...base, priceMinor: 1 })),
    ).toBeUndefined();
  });
});
