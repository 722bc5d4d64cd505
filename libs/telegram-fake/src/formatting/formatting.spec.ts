import { formatText } from './index';

describe('formatText', () => {
  it('turns HTML into text + entities with UTF-16 offsets', () => {
    expect(
      formatText(
        '<b>Hi</b> 👋 <a href="https://x.io/a?b=1&amp;c=2">link</a> &lt;3',
        'HTML',
        undefined,
      ),
    ).toEqual({
      text: 'Hi 👋 link <3',
      entities: [
        { type: 'bold', offset: 0, length: 2 },
        { type: 'text_link', offset: 6, length: 4, url: 'https://x.io/a?b=1&c=2' },
      ],
    });
  });

  it('supports pre with a language, spoilers and blockquotes', () => {
    const { text, entities } = formatText(
      '<pre><code class="language-ts">x</code></pre><tg-spoiler>s</tg-spoiler><blockquote>q</blockquote>',
      'HTML',
      undefined,
    );
    expect(text).toBe('xsq');
    expect(entities).toEqual([
      { type: 'pre', offset: 0, length: 1, language: 'ts' },
      { type: 'spoiler', offset: 1, length: 1 },
      { type: 'blockquote', offset: 2, length: 1 },
    ]);
  });

  it('reports malformed HTML like Telegram', () => {
    expect(() => formatText('<foo>x</foo>', 'HTML', undefined)).toThrow(
      'Bad Request: can\'t parse entities: Unsupported start tag "foo" at byte offset 0',
    );
    expect(() => formatText('<b>x', 'HTML', undefined)).toThrow(
      'Can\'t find end tag corresponding to start tag "b"',
    );
    expect(() => formatText('<b>x</i>', 'HTML', undefined)).toThrow(
      /Unmatched end tag at byte offset 4/,
    );
  });

  it('parses MarkdownV2 and insists on escaping reserved characters', () => {
    expect(
      formatText(
        '*bold* _it_ __u__ ~s~ ||sp|| `c` [t](https://a.b/\\)) 5\\.00',
        'MarkdownV2',
        undefined,
      ),
    ).toEqual({
      text: 'bold it u s sp c t 5.00',
      entities: [
        { type: 'bold', offset: 0, length: 4 },
        { type: 'italic', offset: 5, length: 2 },
        { type: 'underline', offset: 8, length: 1 },
        { type: 'strikethrough', offset: 10, length: 1 },
        { type: 'spoiler', offset: 12, length: 2 },
        { type: 'code', offset: 15, length: 1 },
        { type: 'text_link', offset: 17, length: 1, url: 'https://a.b/)' },
      ],
    });
    expect(() => formatText('Total: 5.00', 'MarkdownV2', undefined)).toThrow(
      "Character '.' is reserved and must be escaped with the preceding '\\'",
    );
    expect(() => formatText('*open', 'MarkdownV2', undefined)).toThrow(
      "Can't find end of Bold entity at byte offset 0",
    );
  });

  it('detects commands, URLs and mentions in plain text', () => {
    expect(
      formatText('/start now, see https://t.me/x. @some_user', undefined, undefined).entities,
    ).toEqual([
      { type: 'bot_command', offset: 0, length: 6 },
      { type: 'url', offset: 16, length: 14 },
      { type: 'mention', offset: 32, length: 10 },
    ]);
  });

  it('keeps explicit entities as given', () => {
    const entities = [{ type: 'bold', offset: 0, length: 1 }];
    expect(formatText('*x*', 'MarkdownV2', entities)).toEqual({ text: '*x*', entities });
  });
});
