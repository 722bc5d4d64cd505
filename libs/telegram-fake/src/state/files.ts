import { badRequest } from '../errors';
import { randomToken } from './ids';

export interface FileRecord {
  fileId: string;
  fileUniqueId: string;
  kind: 'photo' | 'document';
  fileName?: string;
  mimeType?: string;
  size: number;
  data?: Buffer;
}

/**
 * Files the fake has seen. Uploads get fresh file ids; re-sending a known file_id works as on
 * Telegram; an unknown file_id is refused; URLs are accepted without being fetched.
 */
export class FileStore {
  private readonly files = new Map<string, FileRecord>();

  register(input: Omit<FileRecord, 'fileId' | 'fileUniqueId'>): FileRecord {
    const prefix = input.kind === 'photo' ? 'AgACAgIAAxkBAA' : 'BQACAgIAAxkBAA';
    const record: FileRecord = {
      ...input,
      fileId: `${prefix}${randomToken(50)}`,
      fileUniqueId: `AQAD${randomToken(12)}`,
    };
    this.files.set(record.fileId, record);
    return record;
  }

  /** A file_id or URL given as a string parameter. */
  resolveReference(reference: string, kind: FileRecord['kind']): FileRecord {
    const known = this.files.get(reference);
    if (known) {
      return known;
    }
    if (/^https?:\/\//i.test(reference)) {
      const fileName = decodeURIComponent(reference.split('/').pop() ?? '') || undefined;
      return this.register({ kind, fileName, size: 0 });
    }
    throw badRequest('wrong file identifier/HTTP URL specified');
  }

  get(fileId: string): FileRecord | undefined {
    return this.files.get(fileId);
  }

  clear(): void {
    this.files.clear();
  }
}
