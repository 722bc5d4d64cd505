import { subjectKey } from './idempotency-subject';

describe('subjectKey', () => {
  const pseudonym = (id: number) => `h${id * 7}`;

  it('stores a Telegram id only through the keyed pseudonym', () => {
    expect(subjectKey({ telegramUserId: 123456789 }, pseudonym)).toBe('tg:h864197523');
  });

  it('names grants and payments by their ids', () => {
    expect(subjectKey({ grantId: 'manual:6660a1b2' }, pseudonym)).toBe('grant:manual:6660a1b2');
    expect(subjectKey({ paymentId: '6660a1b2c3d4' }, pseudonym)).toBe('payment:6660a1b2c3d4');
  });

  it('names nobody for values a request body could carry but no member has', () => {
    for (const telegramUserId of [0, -5, 1.5, Number.NaN, '42' as unknown as number]) {
      expect(subjectKey({ telegramUserId }, pseudonym)).toBeUndefined();
    }
    expect(subjectKey({ grantId: '' }, pseudonym)).toBeUndefined();
    expect(subjectKey({ paymentId: undefined as unknown as string }, pseudonym)).toBeUndefined();
  });
});
