// Every numeric typed array and a plain array holding the same values give the
// same results, from every function that takes a series. Fixed seed;
// MIDSTREAM_PROPERTY_RUNS=<factor> multiplies the number of runs (see budget.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StreamMatcher, TemporalComparator, detectPattern, dtw, dtwPath, findSimilar, residentSeries } from '../../src/index';
import { configureProperties, runs } from './budget';

configureProperties();

// Values every element type holds exactly: 0..127.
const bytes = (minLength: number, maxLength: number) => fc.array(fc.integer({ min: 0, max: 127 }), { minLength, maxLength });

const containers: Array<[string, (values: number[]) => ArrayLike<number>]> = [
  ['Array', (v) => v.slice()],
  ['Float64Array', (v) => Float64Array.from(v)],
  ['Float32Array', (v) => Float32Array.from(v)],
  ['Int32Array', (v) => Int32Array.from(v)],
  ['Uint32Array', (v) => Uint32Array.from(v)],
  ['Int16Array', (v) => Int16Array.from(v)],
  ['Uint16Array', (v) => Uint16Array.from(v)],
  ['Int8Array', (v) => Int8Array.from(v)],
  ['Uint8Array', (v) => Uint8Array.from(v)],
  ['Uint8ClampedArray', (v) => Uint8ClampedArray.from(v)],
];

function everything(data: ArrayLike<number>, pattern: ArrayLike<number>, threshold: number) {
  const d = data as number[];
  const p = pattern as number[];
  const resident = residentSeries(d);
  const result = {
    dtw: dtw(d, p, { window: 3 }),
    path: dtwPath(d, p, { cost: 'squared' }),
    similar: findSimilar(d, p, threshold, { window: 2 }),
    normalized: findSimilar(d, p, threshold / 8, { normalize: true, limit: 3, exclusion: 1 }),
    detected: detectPattern(d, p, threshold),
    resident: resident.findSimilar(p, threshold),
    stream: new StreamMatcher(p, { threshold }).pushMany(d),
    comparator: new TemporalComparator().findSimilar(d, p, threshold),
  };
  resident.free();
  return result;
}

describe('identical results for every element type', () => {
  it('dtw, dtwPath, findSimilar, detectPattern, residentSeries, StreamMatcher, TemporalComparator', () => {
    fc.assert(
      fc.property(bytes(1, 6), bytes(6, 60), fc.integer({ min: 0, max: 300 }), (pattern, data, threshold) => {
        const expected = everything(data, pattern, threshold);
        for (const [, make] of containers) expect(everything(make(data), make(pattern), threshold)).toEqual(expected);
      }),
      { numRuns: runs(200) },
    );
  });
});
