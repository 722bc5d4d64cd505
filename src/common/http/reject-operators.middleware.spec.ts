import { findUnsafeKey } from './reject-operators.middleware';

describe('findUnsafeKey', () => {
  it('finds operator keys at any depth, in objects and arrays', () => {
    expect(findUnsafeKey({ email: { $gt: '' } }, 0)).toBe('$gt');
    expect(findUnsafeKey({ items: [{ ok: 1 }, { $where: 'x' }] }, 0)).toBe('$where');
    expect(findUnsafeKey({ 'profile.name': 'x' }, 0)).toBe('profile.name');
  });

  it('accepts ordinary values, including dots and dollars inside strings', () => {
    expect(findUnsafeKey({ email: 'a.b@example.com', note: '$5 off' }, 0)).toBeUndefined();
    expect(findUnsafeKey(undefined, 0)).toBeUndefined();
    expect(findUnsafeKey(['a', 'b'], 0)).toBeUndefined();
  });
});
