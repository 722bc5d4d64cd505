import { nextPeriod, paidUntil, PeriodLike } from './periods';

const at = (iso: string): Date => new Date(iso);
const DAY = 24 * 60;

describe('nextPeriod', () => {
  it('starts a first period now', () => {
    const p = nextPeriod({
      last: undefined,
      now: at('2026-01-01T00:00:00Z'),
      durationMinutes: 30 * DAY,
    });
    expect(p).toEqual({
      seq: 1,
      startsAt: at('2026-01-01T00:00:00Z'),
      endsAt: at('2026-01-31T00:00:00Z'),
    });
  });

  it('stacks a renewal onto the time still paid', () => {
    const last = {
      seq: 1,
      startsAt: at('2026-01-01T00:00:00Z'),
      endsAt: at('2026-01-31T00:00:00Z'),
    };
    const p = nextPeriod({ last, now: at('2026-01-20T00:00:00Z'), durationMinutes: 30 * DAY });
    expect(p).toEqual({
      seq: 2,
      startsAt: at('2026-01-31T00:00:00Z'),
      endsAt: at('2026-03-02T00:00:00Z'),
    });
  });

  it('starts from now after a lapse, never charging for days gone by', () => {
    const last = {
      seq: 3,
      startsAt: at('2026-01-01T00:00:00Z'),
      endsAt: at('2026-01-31T00:00:00Z'),
    };
    const p = nextPeriod({ last, now: at('2026-03-01T00:00:00Z'), durationMinutes: DAY });
    expect(p).toEqual({
      seq: 4,
      startsAt: at('2026-03-01T00:00:00Z'),
      endsAt: at('2026-03-02T00:00:00Z'),
    });
  });
});

describe('paidUntil', () => {
  it('is the latest end in the ledger, whatever the order', () => {
    const periods = [
      { seq: 2, startsAt: at('2026-02-01T00:00:00Z'), endsAt: at('2026-03-01T00:00:00Z') },
      { seq: 1, startsAt: at('2026-01-01T00:00:00Z'), endsAt: at('2026-02-01T00:00:00Z') },
    ];
    expect(paidUntil(periods)).toEqual(at('2026-03-01T00:00:00Z'));
    expect(paidUntil([])).toBeUndefined();
  });
});

describe('paidUntil with revocations', () => {
  it('ends paid time at a revocation, ignoring stacked periods before it', () => {
    const periods = [
      { seq: 1, startsAt: at('2026-01-01T00:00:00Z'), endsAt: at('2026-02-01T00:00:00Z') },
      { seq: 2, startsAt: at('2026-02-01T00:00:00Z'), endsAt: at('2026-03-01T00:00:00Z') },
      {
        seq: 3,
        kind: 'revoked' as const,
        startsAt: at('2026-01-10T00:00:00Z'),
        endsAt: at('2026-01-10T00:00:00Z'),
      },
    ];
    expect(paidUntil(periods)).toEqual(at('2026-01-10T00:00:00Z'));
  });

  it('counts time paid after a revocation, starting from the payment', () => {
    const revoked = {
      seq: 2,
      kind: 'revoked' as const,
      startsAt: at('2026-01-10T00:00:00Z'),
      endsAt: at('2026-01-10T00:00:00Z'),
    };
    const next = nextPeriod({
      last: revoked,
      now: at('2026-01-12T00:00:00Z'),
      durationMinutes: DAY,
    });
    expect(next.startsAt).toEqual(at('2026-01-12T00:00:00Z'));
    const periods = [
      { seq: 1, startsAt: at('2026-01-01T00:00:00Z'), endsAt: at('2026-02-01T00:00:00Z') },
      revoked,
      next,
    ];
    expect(paidUntil(periods)).toEqual(at('2026-01-13T00:00:00Z'));
  });
});

describe('the latest entry bounds the paid time', () => {
  it('equals paidUntil of the whole ledger after any mix of renewals, lapses and revocations', () => {
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let run = 0; run < 200; run += 1) {
      const ledger: PeriodLike[] = [];
      let now = at('2026-01-01T00:00:00Z').getTime();
      for (let step = 0; step < 12; step += 1) {
        now += Math.floor(random() * 40 * DAY * 60_000);
        const last = ledger.at(-1);
        if (random() < 0.2) {
          const t = new Date(now);
          ledger.push({ seq: (last?.seq ?? 0) + 1, startsAt: t, endsAt: t, kind: 'revoked' });
        } else {
          const durationMinutes = Math.ceil(random() * 60) * DAY;
          ledger.push(nextPeriod({ last, now: new Date(now), durationMinutes }));
        }
        expect(ledger.at(-1)!.endsAt).toEqual(paidUntil(ledger));
      }
    }
  });
});

describe('the latest entry alone', () => {
  it('would misstate the paid time of a ledger not built by nextPeriod (why appends use it)', () => {
    const ledger: PeriodLike[] = [
      { seq: 1, startsAt: at('2026-01-01T00:00:00Z'), endsAt: at('2026-03-01T00:00:00Z') },
      // Started "now" instead of stacking: ends before the entry it follows.
      { seq: 2, startsAt: at('2026-01-10T00:00:00Z'), endsAt: at('2026-01-11T00:00:00Z') },
    ];
    expect(paidUntil(ledger)).toEqual(at('2026-03-01T00:00:00Z'));
    expect(ledger.at(-1)!.endsAt).not.toEqual(paidUntil(ledger));
  });
});
