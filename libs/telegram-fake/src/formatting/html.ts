import { byteOffset, EntityBuilder, parseError, type FormattedText } from './entities';

interface OpenTag {
  name: string;
  start: number;
  attributes: Record<string, string>;
}

const SIMPLE_TAGS: Record<string, string> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  'tg-spoiler': 'spoiler',
  code: 'code',
  pre: 'pre',
};

const SUPPORTED = new Set([...Object.keys(SIMPLE_TAGS), 'a', 'span', 'tg-emoji', 'blockquote']);

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

/** parse_mode=HTML with Telegram's tag set and its error messages for malformed markup. */
export function parseHtml(source: string): FormattedText {
  const out = new EntityBuilder();
  const stack: OpenTag[] = [];
  let i = 0;
  while (i < source.length) {
    const char = source[i];
    if (char === '&') {
      const match = /^&(#x[0-9a-f]+|#\d+|[a-z]+);/i.exec(source.slice(i));
      const decoded = match ? decodeEntity(match[1]) : undefined;
      out.append(decoded ?? '&');
      i += decoded !== undefined && match ? match[0].length : 1;
      continue;
    }
    if (char !== '<') {
      out.append(char);
      i++;
      continue;
    }
    const end = source.indexOf('>', i);
    if (end < 0) {
      throw parseError(`Unclosed start tag at byte offset ${byteOffset(source, i)}`);
    }
    const raw = source.slice(i + 1, end);
    if (raw.startsWith('/')) {
      const name = raw.slice(1).trim().toLowerCase();
      const open = stack.pop();
      if (!open || open.name !== name) {
        const expected = open ? `"</${open.name}>"` : 'nothing';
        throw parseError(
          `Unmatched end tag at byte offset ${byteOffset(source, i)}, expected ${expected}, found "</${name}>"`,
        );
      }
      closeTag(out, open, stack);
    } else {
      const name = (/^[\w-]+/.exec(raw)?.[0] ?? '').toLowerCase();
      if (!SUPPORTED.has(name)) {
        throw parseError(
          `Unsupported start tag "${name || raw}" at byte offset ${byteOffset(source, i)}`,
        );
      }
      stack.push({ name, start: out.offset, attributes: parseAttributes(raw.slice(name.length)) });
    }
    i = end + 1;
  }
  const unclosed = stack.pop();
  if (unclosed) {
    throw parseError(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
  }
  return out.result();
}

function closeTag(out: EntityBuilder, open: OpenTag, stack: OpenTag[]): void {
  const { name, start, attributes } = open;
  if (name === 'a') {
    const href = attributes.href ?? '';
    if (href) {
      out.close('text_link', start, { url: href });
    }
    return;
  }
  if (name === 'span') {
    if (attributes.class === 'tg-spoiler') {
      out.close('spoiler', start);
    }
    return;
  }
  if (name === 'tg-emoji') {
    out.close('custom_emoji', start, { custom_emoji_id: attributes['emoji-id'] ?? '' });
    return;
  }
  if (name === 'blockquote') {
    out.close('expandable' in attributes ? 'expandable_blockquote' : 'blockquote', start);
    return;
  }
  if (name === 'code' && stack[stack.length - 1]?.name === 'pre') {
    // <pre><code class="language-x"> is one pre entity with a language.
    const language = /^language-(.+)$/.exec(attributes.class ?? '')?.[1];
    if (language) {
      stack[stack.length - 1].attributes.language = language;
    }
    return;
  }
  if (name === 'pre') {
    const language = attributes.language;
    out.close('pre', start, language ? { language } : {});
    return;
  }
  out.close(SIMPLE_TAGS[name], start);
}

function parseAttributes(raw: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  const pattern = /([\w-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
  for (const match of raw.matchAll(pattern)) {
    const value = match[2] ?? match[3] ?? match[4] ?? '';
    attributes[match[1].toLowerCase()] = value.replace(/&amp;/g, '&').replace(/&quot;/g, '"');
  }
  return attributes;
}

function decodeEntity(body: string): string | undefined {
  if (body.startsWith('#x') || body.startsWith('#X')) {
    return String.fromCodePoint(parseInt(body.slice(2), 16));
  }
  if (body.startsWith('#')) {
    return String.fromCodePoint(parseInt(body.slice(1), 10));
  }
  return NAMED_ENTITIES[body.toLowerCase()];
}
