// #17.10: estimating a Theiler window or a delay on more than 2^30 points never
// returned: the FFT size was found by shifting an int32 left until it wrapped to
// 0. Sizes are now checked: the FFT size function refuses lengths beyond its
// limit, and every attractor function refuses more points than the wasm memory
// can analyse, with a RangeError that names the limit. (No test allocates 2^30
// points: the guard is tested directly, and the public check runs on the length
// before any value is read.)
import { describe, expect, it } from 'vitest';
import { AttractorAnalyzer, classifyAttractor, estimateDelay, lyapunovExponent } from '../../src/index';
import { MAX_ATTRACTOR_POINTS } from '../../src/attractor/input';
import { nextPowerOfTwo } from '../../src/attractor/spectrum';

describe('#17.10 more points than the attractor functions can take', () => {
  it('nextPowerOfTwo is exact up to 2^30 and a RangeError beyond, never a loop', () => {
    expect(nextPowerOfTwo(1)).toBe(1);
    expect(nextPowerOfTwo(5)).toBe(8);
    expect(nextPowerOfTwo(2 ** 29 + 1)).toBe(2 ** 30);
    expect(nextPowerOfTwo(2 ** 30)).toBe(2 ** 30);
    expect(() => nextPowerOfTwo(2 ** 30 + 1)).toThrow(RangeError);
    expect(() => nextPowerOfTwo(2 ** 31 + 5)).toThrow(/1073741824/);
  });

  it('the limit is stated: 2^26 points, what 4 GiB of wasm memory can analyse', () => {
    expect(MAX_ATTRACTOR_POINTS).toBe(2 ** 26);
  });

  it('a series above the limit is a RangeError naming the function, the argument and the limit', () => {
    const huge = new Float64Array(MAX_ATTRACTOR_POINTS + 1); // zero pages, never touched
    expect(() => estimateDelay(huge)).toThrow(/estimateDelay: series has 67108865 points; at most 67108864/);
    expect(() => classifyAttractor(huge)).toThrow(RangeError);
  });

  it('points above the limit are refused before anything is allocated', () => {
    const rows = { length: 2 ** 30 + 1, 0: [1, 2] } as unknown as number[][];
    expect(() => lyapunovExponent({ points: rows })).toThrow(/lyapunovExponent: points has 1073741825 points; at most 67108864/);
  });

  it('the analyzer names the limit for maxPoints', () => {
    expect(() => new AttractorAnalyzer({ maxPoints: MAX_ATTRACTOR_POINTS + 1 })).toThrow(/options\.maxPoints must be <= 67108864/);
  });
});
