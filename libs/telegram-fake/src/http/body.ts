import type { IncomingMessage } from 'node:http';
import { badRequest } from '../errors';
import { Params, type RawParams, type UploadedFile } from '../params';
import { parseMultipart } from './multipart';

const MAX_BODY = 60 * 1024 * 1024;

export function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('request entity too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/**
 * Bot API parameters may come in the query string, as JSON, urlencoded or multipart; body
 * values win over query values, as with Telegram's server.
 */
export function parseParams(url: URL, contentType: string | undefined, body: Buffer): Params {
  const raw: RawParams = Object.fromEntries(url.searchParams.entries());
  let files = new Map<string, UploadedFile>();
  const type = (contentType ?? '').toLowerCase();
  if (body.length > 0) {
    if (type.includes('application/json')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        throw badRequest("can't parse JSON object");
      }
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        Object.assign(raw, parsed);
      }
    } else if (type.includes('multipart/form-data')) {
      const multipart = parseMultipart(body, contentType ?? '');
      Object.assign(raw, multipart.fields);
      files = multipart.files;
    } else if (type.includes('application/x-www-form-urlencoded') || type === '') {
      Object.assign(raw, Object.fromEntries(new URLSearchParams(body.toString('utf8')).entries()));
    }
  }
  return new Params(raw, files);
}
