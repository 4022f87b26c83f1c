// #17.19: the declarations said ArrayLike<number> though array-likes are rejected,
// and the README promised normalised results "identical" to brute force though
// distances differ in the last bits. Types now match behaviour; the README states
// what is guaranteed, and this test checks exactly that statement.
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { dtw, editDistance, findSimilar, lcs } from '../../src/index';
import { randomInt, randomWalk, seededRandom } from '../support/random';
import { bruteForceSearch } from '../support/reference';

describe('#17.19 series types agree with behaviour', () => {
  it('array-likes (and DataViews) are rejected at run time', () => {
    expect(() => dtw({ length: 2, 0: 1, 1: 2 } as unknown as number[], [1, 2])).toThrow(TypeError);
    expect(() => lcs({ length: 2, 0: 1, 1: 2 } as unknown as number[], [1, 2])).toThrow(TypeError);
    expect(() => editDistance(new DataView(new ArrayBuffer(8)) as unknown as number[], [1, 2])).toThrow(TypeError);
  });

  it('the declarations accept arrays and numeric typed arrays, and reject array-likes and bigint arrays', () => {
    const fixture = fileURLToPath(new URL('./fixtures/series-types.ts', import.meta.url));
    const program = ts.createProgram([fixture], {
      strict: true,
      target: ts.ScriptTarget.ES2020,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      types: [],
      skipLibCheck: true,
      noEmit: true,
    });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file?.fileName === fixture)
      .map((d) => `${d.start}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(diagnostics).toEqual([]);
  });
});

// README, compare/search section: with normalize: true every window's distance is
// within NORMALIZED_TOLERANCE of the two-pass brute force's, so the same windows
// are reported whenever no distance lies that close to the threshold.
const NORMALIZED_TOLERANCE = 1e-9;

describe('#17.19 normalised search: the documented guarantee', () => {
  it('indices identical to brute force whenever no distance is within the tolerance of the threshold', () => {
    const random = seededRandom(19);
    let checked = 0;
    let exactTies = 0;
    for (let trial = 0; trial < 60; trial++) {
      const n = randomInt(random, 40, 160);
      const series = randomWalk(random, n).map((x) => x * 10 ** randomInt(random, -6, 6) + randomInt(random, -1, 1) * 1e3);
      const m = randomInt(random, 2, 24);
      const from = randomInt(random, 0, n - m);
      const pattern = Array.from(series.subarray(from, from + m), (x) => x + (random() - 0.5) * 1e-3 * Math.abs(x));
      const window = randomInt(random, 0, m);
      const squared = trial % 2 === 0;
      const cost = squared ? 'squared' : 'absolute';
      const reference = bruteForceSearch(series, pattern, Infinity, { normalize: true, window, squared });
      const got = findSimilar(series, pattern, Infinity, { normalize: true, window, cost });
      // Every distance agrees within the tolerance.
      for (const match of got) {
        const truth = reference.find((x) => x.index === match.index)!;
        expect(Math.abs(match.distance - truth.distance)).toBeLessThanOrEqual(NORMALIZED_TOLERANCE);
      }
      // Thresholds: exactly at reference distances (the hard case) and in between.
      const thresholds = [...reference.slice(0, 8).map((x) => x.distance), ...reference.slice(0, 8).map((x) => x.distance * (1 + random() * 0.1))];
      for (const threshold of thresholds) {
        const close = reference.some((x) => Math.abs(x.distance - threshold) <= NORMALIZED_TOLERANCE);
        if (close) {
          exactTies++;
          continue;
        }
        checked++;
        const indices = findSimilar(series, pattern, threshold, { normalize: true, window, cost }).map((x) => x.index).sort((p, q) => p - q);
        const expected = reference.filter((x) => x.distance <= threshold).map((x) => x.index).sort((p, q) => p - q);
        expect(indices).toEqual(expected);
      }
    }
    expect(checked).toBeGreaterThan(300);
    expect(exactTies).toBeGreaterThan(300);
  });
});
