import { t } from './t';

describe('t (bot texts)', () => {
  it('fills placeholders from the params', () => {
    expect(t('start.welcome', { botName: 'Membergate' })).toMatch(/^Welcome to Membergate!/);
  });

  it('falls back to English for a language without a catalog', () => {
    expect(t('help', {}, 'xx')).toBe(t('help'));
  });

  it('keeps a placeholder that has no value visible', () => {
    expect(t('start.welcome')).toContain('{botName}');
  });
});
