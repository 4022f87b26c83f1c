// #14.9, attractor part: too little data is an InsufficientDataError (a
// RangeError with `needed` and `given`), and the classifier, which lets a half
// of the data that is too short simply not vote, catches only that class: any
// other error (the out-of-memory RangeError of src/memory.ts) reaches the caller.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AttractorAnalyzer, classifyAttractor, correlationDimension, embed, InsufficientDataError, lyapunovExponent } from '../../src/index';
import { heap } from '../../src/memory';
import { logisticMap } from './systems';

function caught(run: () => unknown): InsufficientDataError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InsufficientDataError);
    expect(error).toBeInstanceOf(RangeError);
    return error as InsufficientDataError;
  }
  throw new Error('expected an InsufficientDataError');
}

describe('too little data', () => {
  it('lyapunovExponent, correlationDimension, embed and analyze() say how much was needed and given', () => {
    const x = logisticMap(30, 1);
    const lyapunov = caught(() => lyapunovExponent(x, { dimension: 2, delay: 1, theiler: 1 }));
    expect(lyapunov.given).toBe(30);
    expect(lyapunov.needed).toBe(20 - 1 + 2 * 1 + 16 + 1); // horizon 20, two Theiler windows, 16 spare, one delay
    expect(lyapunov.message).toMatch(/need at least 38$/);
    const d2 = caught(() => correlationDimension(x, { dimension: 3, delay: 2, theiler: 0 }));
    expect([d2.needed, d2.given]).toEqual([32 + 4, 30]);
    const embedded = caught(() => embed(x, { dimension: 4, delay: 10 }));
    expect([embedded.needed, embedded.given]).toEqual([31, 30]);
    const analyzer = new AttractorAnalyzer();
    for (const v of x) analyzer.addPoint(v);
    const analyze = caught(() => analyzer.analyze());
    expect([analyze.needed, analyze.given]).toEqual([100, 30]);
  });

  it('points in phase space count points', () => {
    const points = Array.from({ length: 20 }, (_, i) => [i % 3, (i * 7) % 5]);
    const error = caught(() => lyapunovExponent({ points }, { theiler: 1 }));
    expect(error.given).toBe(20);
    expect(error.needed).toBeGreaterThan(20);
  });
});

describe('classifyAttractor catches only InsufficientDataError', () => {
  afterEach(() => vi.restoreAllMocks());

  it('an out-of-memory RangeError in the last view (the second half) reaches the caller', () => {
    const x = logisticMap(1000, 2);
    const allocator = heap();
    const alloc = allocator.alloc.bind(allocator);
    let calls = 0;
    const spy = vi.spyOn(allocator, 'alloc').mockImplementation((bytes: number) => {
      calls++;
      return alloc(bytes);
    });
    const clean = classifyAttractor(x);
    expect(clean.views.map((v) => v.label)).toContain('second half');
    const total = calls;
    calls = 0;
    const outOfMemory = new RangeError('Midstream: the input needs 9999999999 bytes of WebAssembly memory');
    spy.mockImplementation((bytes: number) => {
      if (++calls === total) throw outOfMemory; // the last block of the last view
      return alloc(bytes);
    });
    expect(() => classifyAttractor(x)).toThrow(outOfMemory);
    spy.mockRestore();
    expect(classifyAttractor(x)).toEqual(clean); // and the module keeps working
  });
});
