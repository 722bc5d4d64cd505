import { canTransition, hasAccess } from './membership-status';

describe('membership status', () => {
  it('lets a lapsed, cancelled or removed member come back by paying', () => {
    expect(canTransition('expired', 'active')).toBe(true);
    expect(canTransition('cancelled', 'active')).toBe(true);
    expect(canTransition('removed', 'active')).toBe(true);
  });

  it('goes through grace only from active', () => {
    expect(canTransition('active', 'grace')).toBe(true);
    expect(canTransition('expired', 'grace')).toBe(false);
    expect(canTransition('pending', 'grace')).toBe(false);
  });

  it('gives access only while active or in grace', () => {
    expect(hasAccess('active')).toBe(true);
    expect(hasAccess('grace')).toBe(true);
    expect(hasAccess('expired')).toBe(false);
    expect(hasAccess('removed')).toBe(false);
  });
});
