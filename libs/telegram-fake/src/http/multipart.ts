import type { UploadedFile } from '../params';

export interface MultipartResult {
  fields: Record<string, string>;
  files: Map<string, UploadedFile>;
}

/**
 * Minimal multipart/form-data parser for buffered bodies (Bot API uploads are small in tests).
 * Written here rather than pulling a dependency: the format needed is only boundary-separated
 * parts with a Content-Disposition header.
 */
export function parseMultipart(body: Buffer, contentType: string): MultipartResult {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!boundary) {
    throw new Error('multipart body without boundary');
  }
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2].trim()}`);
  const fields: Record<string, string> = {};
  const files = new Map<string, UploadedFile>();

  let position = body.indexOf(delimiter);
  while (position >= 0) {
    const partStart = position + delimiter.length;
    // "--" right after a delimiter closes the body.
    if (body.subarray(partStart, partStart + 2).toString() === '--') {
      break;
    }
    const next = body.indexOf(delimiter, partStart);
    if (next < 0) {
      break;
    }
    const part = body.subarray(skipLineBreak(body, partStart), next - 2);
    addPart(part, fields, files);
    position = next;
  }
  return { fields, files };
}

function skipLineBreak(body: Buffer, at: number): number {
  return body[at] === 0x0d && body[at + 1] === 0x0a ? at + 2 : at;
}

function addPart(
  part: Buffer,
  fields: Record<string, string>,
  files: Map<string, UploadedFile>,
): void {
  const headerEnd = part.indexOf('\r\n\r\n');
  if (headerEnd < 0) {
    return;
  }
  const headers = part.subarray(0, headerEnd).toString('utf8');
  const data = part.subarray(headerEnd + 4);
  const disposition = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? '';
  const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
  if (name === undefined) {
    return;
  }
  const fileName = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
  if (fileName === undefined) {
    fields[name] = data.toString('utf8');
    return;
  }
  const contentType = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim();
  files.set(name, {
    fieldName: name,
    fileName,
    contentType: contentType ?? guessType(fileName),
    data: Buffer.from(data),
  });
}

/** telegraf sends uploads without a Content-Type; Telegram infers it from the name. */
function guessType(fileName: string): string {
  const extension = fileName.split('.').pop()?.toLowerCase() ?? '';
  const types: Record<string, string> = {
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    png: 'image/png',
    gif: 'image/gif',
    pdf: 'application/pdf',
    txt: 'text/plain',
    csv: 'text/csv',
    json: 'application/json',
    zip: 'application/zip',
  };
  return types[extension] ?? 'application/octet-stream';
}
