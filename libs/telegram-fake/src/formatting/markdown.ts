import { byteOffset, EntityBuilder, parseError, type FormattedText } from './entities';

const RESERVED = '_*[]()~`>#+-=|{}.!';

const NAMES: Record<string, string> = {
  bold: 'Bold',
  italic: 'Italic',
  underline: 'Underline',
  strikethrough: 'Strikethrough',
  spoiler: 'Spoiler',
  text_link: 'TextUrl',
};

interface Open {
  type: string;
  start: number;
  at: number;
}

/**
 * parse_mode=MarkdownV2. The point of implementing it is the error Telegram gives for an
 * unescaped reserved character, the most common production failure with this mode.
 */
export function parseMarkdownV2(source: string): FormattedText {
  const out = new EntityBuilder();
  const stack: Open[] = [];
  let quoteStart: number | undefined;
  let i = 0;
  const toggle = (type: string, width: number): void => {
    const top = stack[stack.length - 1];
    if (top?.type === type) {
      stack.pop();
      out.close(type, top.start);
    } else if (stack.some((o) => o.type === type)) {
      throw parseError(
        `Can't find end of ${NAMES[type]} entity at byte offset ${byteOffset(source, i)}`,
      );
    } else {
      stack.push({ type, start: out.offset, at: i });
    }
    i += width;
  };
  while (i < source.length) {
    const char = source[i];
    const atLineStart = i === 0 || source[i - 1] === '\n';
    if (atLineStart && quoteStart !== undefined && char !== '>') {
      out.close('blockquote', quoteStart);
      quoteStart = undefined;
    }
    if (char === '\\' && i + 1 < source.length && source.charCodeAt(i + 1) <= 126) {
      out.append(source[i + 1]);
      i += 2;
      continue;
    }
    if (!RESERVED.includes(char)) {
      out.append(char);
      i++;
      continue;
    }
    if (char === '>' && atLineStart) {
      quoteStart ??= out.offset;
      i++;
      continue;
    }
    if (char === '*') {
      toggle('bold', 1);
    } else if (char === '~') {
      toggle('strikethrough', 1);
    } else if (char === '_' && source[i + 1] === '_') {
      toggle('underline', 2);
    } else if (char === '_') {
      toggle('italic', 1);
    } else if (char === '|' && source[i + 1] === '|') {
      toggle('spoiler', 2);
    } else if (char === '[') {
      stack.push({ type: 'text_link', start: out.offset, at: i });
      i++;
    } else if (char === ']' && stack[stack.length - 1]?.type === 'text_link') {
      const open = stack.pop() as Open;
      const match = /^\]\(((?:\\.|[^)\\])*)\)/.exec(source.slice(i));
      if (!match) {
        throw parseError(
          `Can't find end of TextUrl entity at byte offset ${byteOffset(source, open.at)}`,
        );
      }
      out.close('text_link', open.start, { url: match[1].replace(/\\(.)/g, '$1') });
      i += match[0].length;
    } else if (char === '`') {
      i = readCode(source, i, out);
    } else {
      throw parseError(
        `Character '${char}' is reserved and must be escaped with the preceding '\\'`,
      );
    }
  }
  if (quoteStart !== undefined) {
    out.close('blockquote', quoteStart);
  }
  const open = stack.pop();
  if (open) {
    throw parseError(
      `Can't find end of ${NAMES[open.type]} entity at byte offset ${byteOffset(source, open.at)}`,
    );
  }
  return out.result();
}

/** `code` and ```pre``` blocks: only ` and \ need escaping inside. */
function readCode(source: string, i: number, out: EntityBuilder): number {
  const fence = source.startsWith('```', i) ? '```' : '`';
  let j = i + fence.length;
  let language: string | undefined;
  if (fence === '```') {
    const newline = source.indexOf('\n', j);
    const firstLine = newline >= 0 ? source.slice(j, newline) : '';
    if (newline >= 0 && /^[\w+-]*$/.test(firstLine)) {
      language = firstLine || undefined;
      j = newline + 1;
    }
  }
  const start = out.offset;
  while (j < source.length && !source.startsWith(fence, j)) {
    if (source[j] === '\\' && j + 1 < source.length) {
      out.append(source[j + 1]);
      j += 2;
    } else {
      out.append(source[j]);
      j++;
    }
  }
  if (j >= source.length) {
    const name = fence === '```' ? 'Pre' : 'Code';
    throw parseError(`Can't find end of ${name} entity at byte offset ${byteOffset(source, i)}`);
  }
  out.close(fence === '```' ? 'pre' : 'code', start, language ? { language } : {});
  return j + fence.length;
}

/** Legacy parse_mode=Markdown: *bold*, _italic_, `code`, ```pre```, [text](url), no escaping rules. */
export function parseMarkdownLegacy(source: string): FormattedText {
  const out = new EntityBuilder();
  let i = 0;
  while (i < source.length) {
    const char = source[i];
    const simple = char === '*' ? 'bold' : char === '_' ? 'italic' : undefined;
    if (simple) {
      const end = source.indexOf(char, i + 1);
      if (end < 0) {
        throw legacyUnclosed(source, i);
      }
      const start = out.offset;
      out.append(source.slice(i + 1, end));
      out.close(simple, start);
      i = end + 1;
    } else if (char === '`') {
      const fence = source.startsWith('```', i) ? '```' : '`';
      const end = source.indexOf(fence, i + fence.length);
      if (end < 0) {
        throw legacyUnclosed(source, i);
      }
      const start = out.offset;
      out.append(source.slice(i + fence.length, end));
      out.close(fence === '```' ? 'pre' : 'code', start);
      i = end + fence.length;
    } else if (char === '[') {
      const match = /^\[([^\]]*)\]\(([^)]*)\)/.exec(source.slice(i));
      if (!match) {
        throw legacyUnclosed(source, i);
      }
      const start = out.offset;
      out.append(match[1]);
      out.close('text_link', start, { url: match[2] });
      i += match[0].length;
    } else {
      out.append(char);
      i++;
    }
  }
  return out.result();
}

function legacyUnclosed(source: string, i: number): Error {
  return parseError(
    `Can't find end of the entity starting at byte offset ${byteOffset(source, i)}`,
  );
}
