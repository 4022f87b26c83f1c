// The ucrScan parameter block is laid out on both sides of the wasm boundary;
// this keeps the two layouts in step. The pruning counters live in a block each
// search owns, so one search's counts never leak into the next.
import { describe, expect, it } from 'vitest';
import { detectPattern, findSimilar } from '../../src/index';
import { SCAN_PARAMS_BYTES } from '../../src/search/scan-params';
import { wasm } from '../../src/wasm';
import { randomWalk, seededRandom } from '../support/random';

describe('ucrScan parameter block', () => {
  it('has the same size in TypeScript and in the kernel', () => {
    expect(SCAN_PARAMS_BYTES).toBe(wasm().scanParamsBytes());
  });

  it('statistics start from zero for every search', () => {
    const series = randomWalk(seededRandom(8), 30_000);
    const pattern = Array.from(series.subarray(12_000, 12_064), (x) => x + 0.01);
    const first = findSimilar(series, pattern, 2, { window: 6, stats: true }).stats;
    // A search that stops early in between must not change the next one's counts.
    expect(detectPattern(series, pattern, 1e9)).toBe(true);
    const again = findSimilar(series, pattern, 2, { window: 6, stats: true }).stats;
    expect(again).toEqual(first);
    expect(first.prunedByKim + first.prunedByKeogh + first.dtwComputed).toBe(first.candidates);
  });
});
