import { parseStartPayload, startPayloadFromText } from './start-payload';

describe('parseStartPayload', () => {
  it('reads a plan link', () => {
    expect(parseStartPayload('plan_66f1c0ffee0123456789abcd')).toEqual({
      type: 'plan',
      planId: '66f1c0ffee0123456789abcd',
    });
  });

  it('reads a claim token that itself contains _ and -', () => {
    expect(parseStartPayload('claim_a-b_c9')).toEqual({ type: 'claim', token: 'a-b_c9' });
  });

  it('reads a referral code', () => {
    expect(parseStartPayload('ref_ANN2024')).toEqual({ type: 'ref', code: 'ANN2024' });
  });

  it('treats a missing or blank payload as none', () => {
    expect(parseStartPayload(undefined)).toEqual({ type: 'none' });
    expect(parseStartPayload('  ')).toEqual({ type: 'none' });
  });

  it('keeps an unknown prefix as unknown', () => {
    expect(parseStartPayload('promo_x')).toEqual({ type: 'unknown', raw: 'promo_x' });
  });

  it('treats a bare prefix without a value as unknown', () => {
    expect(parseStartPayload('plan_')).toEqual({ type: 'unknown', raw: 'plan_' });
  });

  it('refuses characters Telegram never puts in a payload', () => {
    expect(parseStartPayload('plan_<script>')).toEqual({ type: 'unknown', raw: 'plan_<script>' });
    expect(parseStartPayload(`plan_${'x'.repeat(70)}`).type).toBe('unknown');
  });
});

describe('startPayloadFromText', () => {
  it('takes the word after /start', () => {
    expect(startPayloadFromText('/start plan_1')).toBe('plan_1');
    expect(startPayloadFromText('/start@membergate_bot ref_A')).toBe('ref_A');
  });

  it('gives nothing for a bare /start', () => {
    expect(startPayloadFromText('/start')).toBeUndefined();
  });
});
