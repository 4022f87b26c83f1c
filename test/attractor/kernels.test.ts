// The wasm kernels against double-loop references on seeded random data.
import { describe, expect, it } from 'vitest';
import { withScratch } from '../../src/memory';
import { embed } from '../../src/attractor/embedding';
import { nearestNeighbours, sameStateDistance2 } from '../../src/attractor/neighbours';
import { divergenceCurve } from '../../src/attractor/divergence';
import { cloudColumns } from '../../src/attractor/phase-space';
import { correlationDimension, referenceIndices } from '../../src/attractor/correlation-dimension';
import { seededRandom } from '../support/random';
import { bruteNearest, referenceDivergence, referenceEmbedding, referencePairCounts } from './reference';
import { logisticMap } from './systems';

function randomPoints(seed: number, count: number, dimension: number): Float64Array {
  const random = seededRandom(seed);
  return Float64Array.from({ length: count * dimension }, () => random() * 10 - 5);
}

describe('delay embedding kernel', () => {
  it('lays out rows [x(i), x(i + delay), ...] like index arithmetic', () => {
    const series = Array.from(randomPoints(1, 50, 1));
    for (const [dimension, delay] of [[1, 1], [3, 2], [4, 7]]) {
      const e = embed(series, { dimension, delay });
      const expected = referenceEmbedding(series, dimension, delay);
      expect(e.count).toBe(expected.length);
      expect(Array.from(e.points)).toEqual(expected.flat());
    }
  });
});

describe('k-d tree nearest neighbours', () => {
  it.each([
    [1, 400, 1, 0],
    [2, 500, 2, 3],
    [3, 700, 3, 10],
    [4, 600, 5, 1],
    [5, 300, 8, 25],
  ])('seed %i: %i points in %i dimensions, Theiler window %i, match brute force', (seed, count, dimension, theiler) => {
    const points = randomPoints(seed, count, dimension);
    const found = nearestNeighbours(points, dimension, theiler);
    const brute = bruteNearest(points, dimension, count, theiler);
    expect(Array.from(found.index)).toEqual(Array.from(brute.index));
    expect(Array.from(found.distance)).toEqual(Array.from(brute.distance2, Math.sqrt));
  });

  it('handles duplicates and ties (grid data) and skips the same state', () => {
    const random = seededRandom(9);
    const count = 400;
    const points = Float64Array.from({ length: count * 2 }, () => Math.floor(random() * 6));
    const found = nearestNeighbours(points, 2, 2);
    const brute = bruteNearest(points, 2, count, 2, sameStateDistance2(points, count, 2));
    expect(Array.from(found.index)).toEqual(Array.from(brute.index));
    for (let i = 0; i < count; i++) expect(found.distance[i]).toBeGreaterThan(0);
  });

  it('reports -1 when the Theiler window leaves no candidate', () => {
    const found = nearestNeighbours(randomPoints(3, 10, 2), 2, 9);
    expect(Array.from(found.index)).toEqual(new Array(10).fill(-1));
  });
});

describe('Rosenstein divergence kernel', () => {
  it.each([
    [11, 600, 2, 5, 12],
    [12, 900, 3, 20, 30],
  ])('seed %i matches the mean of Math.log over brute-force pairs', (seed, count, dimension, theiler, horizon) => {
    const points = randomPoints(seed, count, dimension);
    const curve = withScratch((s) => divergenceCurve(s, s.f64(points), cloudColumns(s, points, count, dimension), count, dimension, theiler, horizon));
    const expected = referenceDivergence(points, dimension, count, theiler, horizon);
    expect(curve.references).toBe(count - horizon + 1);
    for (let k = 0; k < horizon; k++) expect(curve.divergence[k]).toBeCloseTo(expected[k], 10);
  });

  it('follows a real orbit: the logistic map embedded in 1 dimension', () => {
    const series = logisticMap(800, 4);
    const curve = withScratch((s) => divergenceCurve(s, s.f64(series), cloudColumns(s, series, 800, 1), 800, 1, 4, 15));
    const expected = referenceDivergence(series, 1, 800, 4, 15, sameStateDistance2(series, 800, 1));
    for (let k = 0; k < 15; k++) expect(curve.divergence[k]).toBeCloseTo(expected[k], 10);
  });
});

describe('correlation sums', () => {
  it('all pairs: C(r) at every radius equals a double-loop count', () => {
    const count = 700;
    const points = randomPoints(21, count, 3);
    const rows = Array.from({ length: count }, (_, i) => Array.from(points.subarray(i * 3, i * 3 + 3)));
    const theiler = 4;
    const result = correlationDimension({ points: rows }, { theiler });
    const { below, pairs } = referencePairCounts(points, 3, count, theiler, result.radii);
    expect(result.pairs).toBe(pairs);
    for (let b = 0; b < result.radii.length; b++) expect(result.correlationSums[b]).toBe(below[b] / pairs);
  });

  it('sampled reference points: counts every (reference, point) pair outside the window', () => {
    const count = 900;
    const points = randomPoints(22, count, 2);
    const rows = Array.from({ length: count }, (_, i) => [points[2 * i], points[2 * i + 1]]);
    const result = correlationDimension({ points: rows }, { theiler: 3, references: 50 });
    const refs = referenceIndices(count, 50);
    const { below, pairs } = referencePairCounts(points, 2, count, 3, result.radii, refs);
    expect(result.pairs).toBe(pairs);
    for (let b = 0; b < result.radii.length; b++) expect(result.correlationSums[b]).toBe(below[b] / pairs);
  });

  it('uniform noise in the plane and in space: dimension 2 and 3 (edge effects pull it a little low)', () => {
    const random = seededRandom(23);
    const plane = Array.from({ length: 3000 }, () => [random(), random()]);
    const space = Array.from({ length: 3000 }, () => [random(), random(), random()]);
    expect(Math.abs(correlationDimension({ points: plane }, { theiler: 0 }).dimension - 2)).toBeLessThan(0.1);
    expect(Math.abs(correlationDimension({ points: space }, { theiler: 0 }).dimension - 3)).toBeLessThan(0.2);
  });
});

describe('index sort kernel', () => {
  function sortedByKernel(keys: Float64Array): number[] {
    return withScratch((s) => {
      const order = s.i32(keys.length);
      s.kernels.sortIndicesByKey(s.f64(keys), keys.length, order, s.i32(keys.length));
      return Array.from(new Int32Array(s.kernels.memory.buffer, order, keys.length));
    });
  }
  // The reference: JavaScript's stable sort by comparison (-0 and +0 compare equal).
  const byComparison = (keys: Float64Array) => Array.from(keys, (_, i) => i).sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0));

  it.each([
    ['distinct values of both signs', 1, (r: () => number) => r() * 200 - 100],
    ['few values, many ties', 2, (r: () => number) => Math.floor(r() * 5) - 2],
    ['zeros of both signs among ties', 3, (r: () => number) => [0, -0, 1e-300, -1e-300, 2, -2][Math.floor(r() * 6)]],
    ['magnitudes from tiny to huge', 4, (r: () => number) => (r() - 0.5) * 10 ** Math.floor(r() * 600 - 300)],
  ])('%s (seed %i): the same order as a stable comparison sort', (_, seed, draw) => {
    const random = seededRandom(seed);
    for (const n of [0, 1, 2, 7, 1000]) {
      const keys = Float64Array.from({ length: n }, () => draw(random));
      expect(sortedByKernel(keys)).toEqual(byComparison(keys));
    }
  });
});
