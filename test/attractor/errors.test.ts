// Bad input gets a TypeError or RangeError naming the function and argument,
// and the module keeps working afterwards (scratch memory is always freed).
import { describe, expect, it } from 'vitest';
import {
  classifyAttractor, correlationDimension, embed, estimateDelay, estimateDimension, lyapunovExponent,
} from '../../src/index';
import { heap } from '../../src/memory';
import { wasmBase64 } from '../../src/generated/wasm-bytes';
import { logisticMap } from './systems';

describe('argument checks', () => {
  it('NaN and Infinity in a series name the index', () => {
    const x = Array.from(logisticMap(500, 1));
    x[42] = NaN;
    expect(() => lyapunovExponent(x)).toThrow(RangeError);
    expect(() => lyapunovExponent(x)).toThrow(/lyapunovExponent: series\[42\] is NaN/);
    x[42] = Infinity;
    expect(() => correlationDimension(x)).toThrow(/correlationDimension: series\[42\] is Infinity/);
    expect(() => estimateDelay(x)).toThrow(/estimateDelay: series\[42\]/);
  });

  it('non-numeric input is a TypeError', () => {
    expect(() => lyapunovExponent('abc' as unknown as number[])).toThrow(TypeError);
    expect(() => embed([1, 2, '3'] as unknown as number[], { dimension: 2, delay: 1 })).toThrow(/embed: series\[2\] must be a number/);
    expect(() => classifyAttractor({ points: [[1, 2], 'x'] } as unknown as { points: number[][] })).toThrow(TypeError);
  });

  it('dimension and delay must be positive whole numbers', () => {
    const x = logisticMap(500, 1);
    expect(() => embed(x, { dimension: 0, delay: 1 })).toThrow(/embed: options.dimension must be >= 1, got 0/);
    expect(() => embed(x, { dimension: 2.5, delay: 1 })).toThrow(/options.dimension must be a whole number, got 2.5/);
    expect(() => embed(x, { dimension: 2, delay: -1 })).toThrow(/options.delay must be >= 1, got -1/);
    expect(() => lyapunovExponent(x, { delay: 1.5 })).toThrow(/lyapunovExponent: options.delay must be a whole number/);
    expect(() => estimateDimension(x, { delay: 0 })).toThrow(RangeError);
    expect(() => lyapunovExponent(x, { theiler: -2 })).toThrow(/options.theiler must be >= 0/);
    expect(() => lyapunovExponent(x, { horizon: 1 })).toThrow(/options.horizon must be >= 2/);
    expect(() => lyapunovExponent(x, { dt: 0 })).toThrow(/options.dt must be > 0/);
    expect(() => lyapunovExponent(x, { dimension: '3' as unknown as number })).toThrow(TypeError);
  });

  it('too short a series says how many points the chosen parameters need', () => {
    const x = logisticMap(100, 1);
    // 90 delay vectors; a horizon of 80 steps plus 2 * 10 + 16 reference points needs 115 of them = 125 samples.
    expect(() => lyapunovExponent(x, { dimension: 3, delay: 5, horizon: 80, theiler: 10 })).toThrow(
      'lyapunovExponent: series has 100 points; dimension 3, delay 5, horizon 80 and Theiler window 10 need at least 125',
    );
    expect(() => correlationDimension(x.subarray(0, 40), { dimension: 2, delay: 1, theiler: 5 })).toThrow(
      'correlationDimension: series has 40 points; with Theiler window 5, dimension 2 and delay 1 it needs at least 43',
    );
  });

  it('embed and the estimators check their own arguments', () => {
    expect(() => embed([1, 2, 3], { dimension: 3, delay: 2 })).toThrow(
      'embed: series has 3 points; dimension 3 with delay 2 needs at least 5',
    );
    expect(() => embed([], { dimension: 1, delay: 1 })).toThrow(/embed: series must not be empty/);
    expect(() => estimateDimension(logisticMap(500, 1), { maxDimension: 0 })).toThrow(/estimateDimension: options.maxDimension must be >= 1/);
    expect(() => estimateDimension(logisticMap(500, 1), { theiler: 1.5 })).toThrow(/options.theiler must be a whole number/);
    expect(() => classifyAttractor(logisticMap(500, 1), { dt: -1 })).toThrow(/classifyAttractor: options.dt must be > 0/);
    expect(() => correlationDimension(logisticMap(500, 1), { references: 1 })).toThrow(/options.references must be >= 2/);
  });

  it('phase-space points: rows must share one dimension', () => {
    expect(() => lyapunovExponent({ points: [[1, 2, 3], [4, 5]] })).toThrow(
      /lyapunovExponent: points\[1\] has dimension 2, expected 3/,
    );
    expect(() => correlationDimension({ points: [[1, 2], [3, NaN]] })).toThrow(/points\[1\]\[1\] is NaN/);
    expect(() => lyapunovExponent({ points: [[0, 1]] }, { delay: 2 })).toThrow(/options.delay applies to a series/);
    expect(() => lyapunovExponent({ points: [[0, 1]] }, { dimension: 3 })).toThrow(/options.dimension is 3 but the points have dimension 2/);
  });

  it('a too-large fitRange is refused', () => {
    expect(() => lyapunovExponent(logisticMap(1000, 1), { horizon: 10, fitRange: [0, 12] })).toThrow(/fitRange ends at step 12, beyond the horizon/);
    expect(() => lyapunovExponent(logisticMap(1000, 1), { fitRange: [5, 5] })).toThrow(/options.fitRange\[1\] must be >= 6/);
  });
});

describe('after errors', () => {
  it('frees every scratch block and keeps giving the same answers', () => {
    const x = logisticMap(2000, 2);
    const before = lyapunovExponent(x);
    const allocated = heap().allocatedBytes;
    for (let i = 0; i < 5; i++) {
      expect(() => lyapunovExponent(x, { dimension: 1, delay: 1, horizon: 5000 })).toThrow(RangeError);
      expect(() => correlationDimension(x.subarray(0, 10))).toThrow(RangeError);
    }
    expect(heap().allocatedBytes).toBe(allocated);
    expect(lyapunovExponent(x)).toEqual(before);
  });

  it('the whole wasm module stays under 32 KB', () => {
    expect(atob(wasmBase64).length).toBeLessThan(32 * 1024);
  });
});
