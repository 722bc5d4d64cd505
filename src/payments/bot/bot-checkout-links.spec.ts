import { Clock } from '../../common/clock/clock';
import type { AppConfig } from '../../config/app-config';
import { BotCheckoutLinks } from './bot-checkout-links';

class MovableClock extends Clock {
  constructor(public at: Date) {
    super();
  }
  now(): Date {
    return new Date(this.at);
  }
}

const config = {
  jwtSecret: 'x'.repeat(40),
  publicUrl: 'https://pay.example.com',
} as AppConfig;
const link = { planId: '6660a1b2c3d4e5f601234567', telegramUserId: 4242 };
const queryOf = (url: string) => Object.fromEntries(new URL(url).searchParams.entries());

describe('BotCheckoutLinks', () => {
  it('gives back the buyer and plan of a link it made', () => {
    const links = new BotCheckoutLinks(config, new MovableClock(new Date('2026-01-01T00:00:00Z')));
    const url = links.urlFor(link);
    expect(url.startsWith('https://pay.example.com/checkout/bot?')).toBe(true);
    expect(links.verify(queryOf(url))).toEqual(link);
  });

  it('refuses a link made for another account or plan, or past its day', () => {
    const clock = new MovableClock(new Date('2026-01-01T00:00:00Z'));
    const links = new BotCheckoutLinks(config, clock);
    const query = queryOf(links.urlFor(link));
    expect(links.verify({ ...query, tg: '4243' })).toBeUndefined();
    expect(links.verify({ ...query, plan: '6660a1b2c3d4e5f601234568' })).toBeUndefined();
    expect(links.verify({ ...query, sig: 'x' })).toBeUndefined();
    clock.at = new Date('2026-01-02T00:00:01Z');
    expect(links.verify(query)).toBeUndefined();
  });
});
