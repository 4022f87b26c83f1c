// findSimilar / detectPattern / ResidentSeries searches report progress between
// chunks of windows and honour an AbortSignal: the search throws the signal's
// reason and gives its memory back.
import { describe, expect, it } from 'vitest';
import { detectPattern, findSimilar, residentSeries } from '../../src/index';
import { heap } from '../../src/memory';
import { randomWalk, seededRandom } from '../support/random';

const CHUNK = 8192;
const series = randomWalk(seededRandom(9), 50_000);
const pattern = Array.from(series.subarray(30_000, 30_032), (x) => x + 0.01);
const windows = series.length - pattern.length + 1;

describe('onProgress', () => {
  it('is called after every chunk with the windows done and the total, ending at the total', () => {
    const calls: Array<[number, number]> = [];
    const matches = findSimilar(series, pattern, 1, { window: 3, onProgress: (done, total) => calls.push([done, total]) });
    expect(calls.length).toBe(Math.ceil(windows / CHUNK));
    calls.forEach(([done, total], k) => {
      expect(total).toBe(windows);
      expect(done).toBe(Math.min(windows, (k + 1) * CHUNK));
    });
    expect(matches).toEqual(findSimilar(series, pattern, 1, { window: 3 }));
  });

  it('works for detectPattern and resident series, and stops with detectPattern once found', () => {
    const seen: number[] = [];
    expect(detectPattern(series, pattern, 1, { onProgress: (done) => seen.push(done) })).toBe(true);
    expect(seen.length).toBeLessThan(Math.ceil(windows / CHUNK)); // found in the chunk holding 30,000
    const resident = residentSeries(series);
    const residentCalls: number[] = [];
    resident.findSimilar(pattern, 1, { onProgress: (done) => residentCalls.push(done) });
    expect(residentCalls.at(-1)).toBe(windows);
    resident.free();
  });

  it('an error thrown by onProgress propagates and leaks nothing', () => {
    const allocated = heap().allocatedBytes;
    const oops = new Error('stop here');
    expect(() =>
      findSimilar(series, pattern, 1, {
        onProgress: () => {
          throw oops;
        },
      }),
    ).toThrow(oops);
    expect(heap().allocatedBytes).toBe(allocated);
  });

  it('freeing the resident series from onProgress is a use-after-free TypeError', () => {
    const resident = residentSeries(series);
    expect(() => resident.findSimilar(pattern, 1, { onProgress: () => resident.free() })).toThrow(/has been freed/);
  });
});

describe('signal', () => {
  it('an aborted signal rejects at once with its reason', () => {
    const controller = new AbortController();
    const reason = new Error('no longer needed');
    controller.abort(reason);
    let calls = 0;
    expect(() => findSimilar(series, pattern, 1, { signal: controller.signal, onProgress: () => calls++ })).toThrow(reason);
    expect(calls).toBe(0);
    expect(() => detectPattern(series, pattern, 1, { signal: controller.signal })).toThrow(reason);
  });

  it('an abort during the search stops it after the current chunk, frees its memory, throws the reason', () => {
    const allocated = heap().allocatedBytes;
    const controller = new AbortController();
    const done: number[] = [];
    const search = () =>
      findSimilar(series, pattern, 1, {
        signal: controller.signal,
        onProgress: (d) => {
          done.push(d);
          if (d >= 2 * CHUNK) controller.abort();
        },
      });
    expect(search).toThrow(expect.objectContaining({ name: 'AbortError' }));
    expect(done).toEqual([CHUNK, 2 * CHUNK]);
    expect(heap().allocatedBytes).toBe(allocated);
    // The instance keeps working.
    expect(findSimilar(series, pattern, 1).length).toBeGreaterThan(0);
  });

  it('a resident series survives an aborted search', () => {
    const resident = residentSeries(series);
    const controller = new AbortController();
    expect(() => resident.findSimilar(pattern, 1, { signal: controller.signal, onProgress: () => controller.abort('enough') })).toThrow();
    expect(resident.findSimilar(pattern, 1)).toEqual(findSimilar(series, pattern, 1));
    resident.free();
  });
});

describe('validation', () => {
  it('onProgress must be a function and signal an AbortSignal: TypeErrors naming them', () => {
    for (const onProgress of [5, 'f', {}, null]) {
      expect(() => findSimilar(series, pattern, 1, { onProgress } as never)).toThrow(TypeError);
      expect(() => findSimilar(series, pattern, 1, { onProgress } as never)).toThrow(/findSimilar: options\.onProgress/);
    }
    for (const signal of [5, {}, { aborted: 'no' }, null, new AbortController()]) {
      expect(() => detectPattern(series, pattern, 1, { signal } as never)).toThrow(/detectPattern: options\.signal/);
    }
  });
});
