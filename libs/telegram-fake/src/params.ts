import { Errors, badRequest } from './errors';

/** A file that arrived as a multipart part. */
export interface UploadedFile {
  fieldName: string;
  fileName: string;
  contentType: string;
  data: Buffer;
}

export type RawParams = Record<string, unknown>;

/**
 * Typed access to method parameters. Telegram accepts every parameter as a string (query
 * string, urlencoded, multipart) or as native JSON, so each reader coerces both forms the way
 * the Bot API does: numbers from numeric strings, booleans from "true"/"1", objects from JSON text.
 */
export class Params {
  constructor(
    readonly raw: RawParams,
    readonly files: ReadonlyMap<string, UploadedFile> = new Map(),
  ) {}

  has(name: string): boolean {
    const value = this.raw[name];
    return value !== undefined && value !== null && value !== '';
  }

  string(name: string): string | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null) {
      return undefined;
    }
    if (typeof value === 'string') {
      return value;
    }
    if (typeof value === 'number' || typeof value === 'boolean') {
      return String(value);
    }
    return JSON.stringify(value);
  }

  requiredString(name: string): string {
    const value = this.string(name);
    if (value === undefined || value === '') {
      throw Errors.required(name);
    }
    return value;
  }

  int(name: string): number | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null || value === '') {
      return undefined;
    }
    const parsed = typeof value === 'number' ? value : Number(scalarText(value).trim());
    if (!Number.isInteger(parsed)) {
      throw Errors.invalidParam(name);
    }
    return parsed;
  }

  requiredInt(name: string): number {
    const value = this.int(name);
    if (value === undefined) {
      throw Errors.required(name);
    }
    return value;
  }

  bool(name: string): boolean | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null || value === '') {
      return undefined;
    }
    if (typeof value === 'boolean') {
      return value;
    }
    const text = scalarText(value).toLowerCase();
    if (text === 'true' || text === '1') {
      return true;
    }
    if (text === 'false' || text === '0') {
      return false;
    }
    throw badRequest(`can't parse ${name} as Boolean`);
  }

  /** A JSON-serialized parameter (reply_markup, allowed_updates, prices...). */
  json<T>(name: string): T | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null || value === '') {
      return undefined;
    }
    if (typeof value !== 'string') {
      return value as T;
    }
    try {
      return JSON.parse(value) as T;
    } catch {
      throw badRequest(`can't parse ${name} JSON object`);
    }
  }

  /** chat_id is an integer id or an "@username" of a public chat. */
  chatId(name = 'chat_id'): number | string {
    const value = this.raw[name];
    if (value === undefined || value === null || value === '') {
      throw name === 'chat_id' ? Errors.chatIdEmpty() : Errors.required(name);
    }
    if (typeof value === 'number') {
      return value;
    }
    const text = scalarText(value).trim();
    if (/^-?\d+$/.test(text)) {
      return Number(text);
    }
    if (text.startsWith('@')) {
      return text;
    }
    throw Errors.chatNotFound();
  }

  file(name: string): UploadedFile | undefined {
    return this.files.get(name);
  }
}

/** Text of a scalar parameter; objects (JSON bodies) are shown as JSON, never "[object Object]". */
function scalarText(value: unknown): string {
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  return JSON.stringify(value) ?? '';
}
