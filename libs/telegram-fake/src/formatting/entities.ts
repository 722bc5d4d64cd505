import { badRequest, type TelegramApiError } from '../errors';
import type { MessageEntity } from '../types';

export interface FormattedText {
  text: string;
  entities: MessageEntity[];
}

/** Builds plain text plus entities; offsets are UTF-16 code units, as in the Bot API. */
export class EntityBuilder {
  text = '';
  readonly entities: MessageEntity[] = [];

  get offset(): number {
    return this.text.length;
  }

  append(chunk: string): void {
    this.text += chunk;
  }

  close(type: string, start: number, extra: Partial<MessageEntity> = {}): void {
    const length = this.text.length - start;
    if (length > 0) {
      this.entities.push({ type, offset: start, length, ...extra });
    }
  }

  result(): FormattedText {
    const entities = [...this.entities].sort((a, b) => a.offset - b.offset || b.length - a.length);
    return { text: this.text, entities };
  }
}

export function parseError(message: string): TelegramApiError {
  return badRequest(`can't parse entities: ${message}`);
}

/** Telegram reports positions in UTF-8 bytes. */
export function byteOffset(source: string, index: number): number {
  return Buffer.byteLength(source.slice(0, index), 'utf8');
}
