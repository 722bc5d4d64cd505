import { isDuplicateKeyError } from './mongo-errors';

describe('isDuplicateKeyError', () => {
  it('recognises MongoDB and FerretDB insert collisions and FerretDB update collisions', () => {
    expect(isDuplicateKeyError({ code: 11000, message: 'E11000 duplicate key error' })).toBe(true);
    expect(
      isDuplicateKeyError({
        code: 1,
        message: "UNIQUE constraint failed: index 'users_email_1' (2067)",
      }),
    ).toBe(true);
  });

  it('does not mistake other errors for collisions', () => {
    expect(isDuplicateKeyError({ code: 1, message: 'InternalError' })).toBe(false);
    expect(isDuplicateKeyError(new Error('boom'))).toBe(false);
    expect(isDuplicateKeyError(undefined)).toBe(false);
  });
});
