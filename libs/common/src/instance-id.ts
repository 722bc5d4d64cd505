import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/** Names this process among several instances sharing one database (lease and outbox owners). */
export function newInstanceId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}
