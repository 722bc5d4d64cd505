/**
 * A unique-index collision. MongoDB and FerretDB report inserts as 11000; FerretDB reports a
 * collision caused by an update as code 1 with SQLite's "UNIQUE constraint failed" text.
 */
export function isDuplicateKeyError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) {
    return false;
  }
  const { code, message } = error as { code?: unknown; message?: unknown };
  return (
    code === 11000 ||
    (code === 1 && typeof message === 'string' && message.includes('UNIQUE constraint failed'))
  );
}
