import { rateWindows } from '../outbox/rate-policy';
import { Pseudonyms } from './pseudonyms';

const limits = { globalPerSecond: 30, privateChatPerSecond: 1, groupChatPerMinute: 20 };

describe('Pseudonyms', () => {
  const a = new Pseudonyms({ encryptionKey: Buffer.alloc(32, 1) });
  const b = new Pseudonyms({ encryptionKey: Buffer.alloc(32, 2) });

  it('gives a stable name that does not contain the Telegram id', () => {
    expect(a.of('join', -100123, 424242)).toBe(a.of('join', -100123, 424242));
    expect(a.of('join', -100123, 424242)).not.toContain('424242');
    expect(a.of('join', -100123, 424242)).not.toBe(a.of('join', -100123, 424243));
    expect(a.of('join', -100123, 424242)).not.toBe(b.of('join', -100123, 424242));
  });

  it('keys a member chat so the outbox applies the private-chat window, without the id', () => {
    const key = a.privateChatKey(424242);
    expect(key).toBe(a.privateChatKey(424242));
    expect(key).not.toContain('424242');
    const windows = rateWindows(limits, { rateClass: 'telegram-message', chatKey: key });
    expect(windows).toContainEqual({ key, limit: 1, windowMs: 1_000 });
  });
});
