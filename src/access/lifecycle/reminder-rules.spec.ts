import { reminderDue } from './reminder-rules';

const DAY = 24 * 3_600_000;
const at = (days: number): Date => new Date(Date.UTC(2026, 0, 1) + days * DAY);
const thirtyDays = { startsAt: at(0), endsAt: at(30) };

describe('reminderDue', () => {
  it('is the 3-day mark once less than 3 days are left, then the 1-day mark', () => {
    const base = { expiresAt: at(30), period: thirtyDays, marks: [3, 1] };
    expect(reminderDue({ ...base, now: at(26) })).toBeUndefined();
    expect(reminderDue({ ...base, now: at(27.5) })).toBe(3);
    expect(reminderDue({ ...base, now: at(29.5) })).toBe(1);
    expect(reminderDue({ ...base, now: at(30) })).toBeUndefined();
  });

  it('skips marks longer than the period itself', () => {
    const twoDays = { startsAt: at(0), endsAt: at(2) };
    const base = { expiresAt: at(2), period: twoDays, marks: [3, 1] };
    expect(reminderDue({ ...base, now: at(0.5) })).toBeUndefined();
    expect(reminderDue({ ...base, now: at(1.5) })).toBe(1);
  });
});
