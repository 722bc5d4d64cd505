import { badRequest } from '../errors';
import type { MessageEntity } from '../types';
import type { FormattedText } from './entities';
import { parseHtml } from './html';
import { parseMarkdownLegacy, parseMarkdownV2 } from './markdown';

export type { FormattedText } from './entities';

/**
 * What Telegram stores for a text or caption: markup is turned into plain text + entities, and
 * bot commands / URLs / mentions are detected like the Telegram server does.
 */
export function formatText(
  source: string,
  parseMode: string | undefined,
  explicitEntities: MessageEntity[] | undefined,
): FormattedText {
  let formatted: FormattedText;
  if (explicitEntities && explicitEntities.length > 0) {
    formatted = { text: source, entities: explicitEntities };
  } else if (!parseMode) {
    formatted = { text: source, entities: [] };
  } else {
    switch (parseMode.toLowerCase()) {
      case 'html':
        formatted = parseHtml(source);
        break;
      case 'markdownv2':
        formatted = parseMarkdownV2(source);
        break;
      case 'markdown':
        formatted = parseMarkdownLegacy(source);
        break;
      default:
        throw badRequest(`unsupported parse_mode`);
    }
  }
  return { text: formatted.text, entities: withAutoEntities(formatted) };
}

/** Detects bot_command, url and mention entities the way Telegram adds them to plain text. */
export function autoEntities(text: string): MessageEntity[] {
  const found: MessageEntity[] = [];
  const patterns: Array<[string, RegExp]> = [
    ['bot_command', /(?<![\w/])\/[a-zA-Z0-9_]{1,32}(?:@[a-zA-Z0-9_]{5,32})?(?![\w/])/g],
    ['url', /\bhttps?:\/\/[^\s<>"]+/g],
    ['mention', /(?<![\w@])@[a-zA-Z0-9_]{5,32}\b/g],
  ];
  for (const [type, pattern] of patterns) {
    for (const match of text.matchAll(pattern)) {
      // Trailing punctuation ends a sentence, not the URL.
      const value = type === 'url' ? match[0].replace(/[.,;:!?)]+$/, '') : match[0];
      found.push({ type, offset: match.index ?? 0, length: value.length });
    }
  }
  return found;
}

function withAutoEntities(formatted: FormattedText): MessageEntity[] {
  const explicit = formatted.entities;
  const covered = (e: MessageEntity): boolean =>
    explicit.some(
      (x) => e.offset < x.offset + x.length && x.offset < e.offset + e.length && isCodeLike(x),
    );
  const auto = autoEntities(formatted.text).filter((e) => !covered(e));
  return [...explicit, ...auto].sort((a, b) => a.offset - b.offset || b.length - a.length);
}

function isCodeLike(entity: MessageEntity): boolean {
  return entity.type === 'code' || entity.type === 'pre' || entity.type === 'text_link';
}
