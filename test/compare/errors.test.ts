import { describe, expect, it } from 'vitest';
import { dtw, dtwPath, editDistance, findSimilar, detectPattern, lcs } from '../../src/index';
import { heap } from '../../src/memory';

describe('bad input', () => {
  const cases: Array<[string, () => unknown, ErrorConstructor, RegExp]> = [
    ['empty a', () => dtw([], [1]), RangeError, /dtw: a must not be empty/],
    ['NaN', () => dtw([1, NaN], [1]), RangeError, /a\[1\] is NaN/],
    ['Infinity', () => dtw([1], [1, Infinity]), RangeError, /b\[1\] is Infinity/],
    ['string element', () => dtw([1, '2' as unknown as number], [1]), TypeError, /a\[1\] must be a number/],
    ['not an array', () => dtw('abc' as unknown as number[], [1]), TypeError, /a must be an array/],
    ['null', () => dtw(null as unknown as number[], [1]), TypeError, /got null/],
    ['negative window', () => dtw([1], [1], { window: -1 }), RangeError, /options.window must be >= 0/],
    ['fractional window > 1', () => dtw([1], [1], { window: 2.5 }), RangeError, /options.window/],
    ['unknown cost', () => dtw([1], [1], { cost: 'cubic' as 'squared' }), RangeError, /options.cost/],
    ['options not an object', () => dtw([1], [1], 5 as unknown as object), TypeError, /options must be an object/],
    ['path too big', () => dtwPath(new Float64Array(20000), new Float64Array(20000)), RangeError, /options.window/],
    ['pattern longer than series', () => findSimilar([1, 2], [1, 2, 3], 1), RangeError, /pattern \(3 points\) is longer than series \(2 points\)/],
    ['negative threshold', () => findSimilar([1, 2, 3], [1], -1), RangeError, /threshold must be >= 0/],
    ['NaN threshold', () => detectPattern([1, 2, 3], [1], NaN), RangeError, /threshold must not be NaN/],
    ['threshold not a number', () => findSimilar([1, 2, 3], [1], '1' as unknown as number), TypeError, /threshold must be a number/],
    ['NaN token', () => lcs([1, NaN], [1]), RangeError, /a\[1\] is NaN/],
    ['lcs of a number', () => editDistance(5 as unknown as string, 'a'), TypeError, /editDistance: a must be a string/],
  ];

  for (const [name, call, type, message] of cases) {
    it(`${name}: ${type.name} naming the argument`, () => {
      expect(call).toThrow(type);
      expect(call).toThrow(message);
    });
  }

  it('leaves the module working and leaks no memory after errors', () => {
    const before = heap().allocatedBytes;
    for (const [, call] of cases) expect(call).toThrow();
    expect(heap().allocatedBytes).toBe(before);
    expect(dtw([1, 2, 3], [1, 2, 2, 3])).toBe(0);
    expect(findSimilar([0, 1, 2, 3, 4], [2, 3], 0)).toEqual([{ index: 2, distance: 0 }]);
  });
});
