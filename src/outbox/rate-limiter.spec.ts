import { SlidingWindowLimiter } from './rate-limiter';
import { rateWindows, TELEGRAM_BOT_KEY } from './rate-policy';

const bot = { key: 'bot', limit: 3, windowMs: 1_000 };
const chat = { key: 'chat', limit: 1, windowMs: 1_000 };
const noSafety = (): number => 0;

describe('SlidingWindowLimiter', () => {
  it('lets `limit` sends through in a window and refuses the next', () => {
    const limiter = new SlidingWindowLimiter(noSafety);
    expect([0, 10, 20].map((t) => limiter.tryAcquire([bot], t))).not.toContain(undefined);
    expect(limiter.tryAcquire([bot], 30)).toBeUndefined();
    expect(limiter.waitMs([bot], 30)).toBe(970);
  });

  it('frees a slot once the oldest send leaves the window', () => {
    const limiter = new SlidingWindowLimiter(noSafety);
    [0, 10, 20].forEach((t) => limiter.tryAcquire([bot], t));
    expect(limiter.tryAcquire([bot], 999)).toBeUndefined();
    expect(limiter.tryAcquire([bot], 1_000)).toBeDefined();
  });

  it('keeps the safety margin on top of the window', () => {
    const limiter = new SlidingWindowLimiter(() => 30);
    limiter.tryAcquire([chat], 0);
    expect(limiter.tryAcquire([chat], 1_010)).toBeUndefined();
    expect(limiter.tryAcquire([chat], 1_031)).toBeDefined();
  });

  it('takes nothing when one of several windows is full', () => {
    const limiter = new SlidingWindowLimiter(noSafety);
    limiter.tryAcquire([bot, chat], 0);
    expect(limiter.tryAcquire([bot, chat], 5)).toBeUndefined();
    // The refused send did not use the bot's budget.
    expect(limiter.tryAcquire([bot], 6)).toBeDefined();
    expect(limiter.tryAcquire([bot], 7)).toBeDefined();
    expect(limiter.tryAcquire([bot], 8)).toBeUndefined();
  });

  it('gives a released slot back', () => {
    const limiter = new SlidingWindowLimiter(noSafety);
    const ticket = limiter.tryAcquire([chat], 0)!;
    limiter.release(ticket);
    expect(limiter.tryAcquire([chat], 1)).toBeDefined();
  });

  it('moves a slot to the real send time', () => {
    const limiter = new SlidingWindowLimiter(noSafety);
    const ticket = limiter.tryAcquire([chat], 0)!;
    limiter.touch(ticket, 200);
    expect(limiter.tryAcquire([chat], 1_199)).toBeUndefined();
    expect(limiter.tryAcquire([chat], 1_200)).toBeDefined();
  });

  it('counts sends recorded from another instance', () => {
    const limiter = new SlidingWindowLimiter(noSafety);
    limiter.record([bot], 100);
    limiter.record([bot], 50);
    limiter.record([bot], 75);
    expect(limiter.tryAcquire([bot], 200)).toBeUndefined();
    expect(limiter.waitMs([bot], 200)).toBe(850);
  });

  it('blocks a key until a 429 retry_after has passed', () => {
    const limiter = new SlidingWindowLimiter(noSafety);
    limiter.block('chat', 3_000);
    expect(limiter.tryAcquire([chat], 2_999)).toBeUndefined();
    expect(limiter.fullKeys(2_999)).toEqual(['chat']);
    expect(limiter.nextFreeInMs(1_000)).toBe(2_000);
    expect(limiter.tryAcquire([chat], 3_000)).toBeDefined();
  });

  it('lists full keys except the ones asked to leave out', () => {
    const limiter = new SlidingWindowLimiter(noSafety);
    limiter.tryAcquire([bot, chat], 0);
    expect(limiter.fullKeys(1, ['bot']).sort()).toEqual(['chat']);
    expect(limiter.nextFreeInMs(1)).toBe(999);
    limiter.prune(5_000);
    expect(limiter.fullKeys(5_000)).toEqual([]);
    expect(limiter.nextFreeInMs(5_000)).toBeUndefined();
  });

  it('never lets more than `limit` sends into any window over a long run', () => {
    const limiter = new SlidingWindowLimiter(noSafety);
    const sent: number[] = [];
    for (let t = 0; t < 10_000; t += 7) {
      if (limiter.tryAcquire([bot], t)) {
        sent.push(t);
      }
    }
    for (const start of sent) {
      expect(sent.filter((s) => s >= start && s < start + 1_000).length).toBeLessThanOrEqual(3);
    }
    expect(sent.length).toBeGreaterThanOrEqual(28);
  });
});

describe('rateWindows', () => {
  const limits = { globalPerSecond: 30, privateChatPerSecond: 1, groupChatPerMinute: 20 };

  it('limits a private message by the bot and the chat per second', () => {
    expect(rateWindows(limits, { rateClass: 'telegram-message', chatKey: 'tg:42' })).toEqual([
      { key: TELEGRAM_BOT_KEY, limit: 30, windowMs: 1_000 },
      { key: 'tg:42', limit: 1, windowMs: 1_000 },
    ]);
  });

  it('limits a group or channel message per minute', () => {
    expect(rateWindows(limits, { rateClass: 'telegram-message', chatKey: 'tg:-1001' })[1]).toEqual({
      key: 'tg:-1001',
      limit: 20,
      windowMs: 60_000,
    });
    expect(
      rateWindows(limits, { rateClass: 'telegram-message', chatKey: 'tg:@news' })[1].windowMs,
    ).toBe(60_000);
  });

  it('limits other calls by the bot only, and HTTP jobs not at all', () => {
    expect(rateWindows(limits, { rateClass: 'telegram-call', chatKey: 'tg:-1' })).toHaveLength(1);
    expect(rateWindows(limits, { rateClass: 'none', chatKey: 'none' })).toEqual([]);
  });
});
