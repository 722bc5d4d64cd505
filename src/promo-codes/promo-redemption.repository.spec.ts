import { slotOrder } from './promo-redemption.repository';

describe('slotOrder', () => {
  it('tries the slots after the ones in use first, then the holes before them', () => {
    expect(slotOrder(2, 5)).toEqual([3, 4, 5, 1, 2]);
  });

  it('tries every slot when the count already reached the limit (releases may have freed some)', () => {
    expect(slotOrder(3, 3)).toEqual([1, 2, 3]);
    expect(slotOrder(7, 3)).toEqual([1, 2, 3]);
  });

  it('starts at 1 for an unused code', () => {
    expect(slotOrder(0, 2)).toEqual([1, 2]);
  });
});
