// #18 (StreamMatcher part): push(array) put the whole array into its error
// message (2 x 10^7 points: a 240 MB message). Messages name the argument and stay short.
import { describe, expect, it } from 'vitest';
import { StreamMatcher } from '../../src/index';

describe('#17.18 StreamMatcher.push error messages stay short', () => {
  const matcher = new StreamMatcher([1, 2, 3], { threshold: 1 });
  const cases: Array<[string, unknown, ErrorConstructor]> = [
    ['a long array', new Array(100_000).fill(1), TypeError],
    ['a typed array', new Float64Array(100_000), TypeError],
    ['a long string', '1'.repeat(100_000), TypeError],
    ['an object with a long toString', { toString: () => 'x'.repeat(100_000) }, TypeError],
    ['NaN', NaN, RangeError],
    ['Infinity', Infinity, RangeError],
  ];
  for (const [name, value, kind] of cases) {
    it(name, () => {
      let error: unknown;
      try {
        matcher.push(value as number);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(kind);
      const message = (error as Error).message;
      expect(message).toMatch(/^StreamMatcher\.push: value /);
      expect(message.length).toBeLessThan(120);
    });
  }
});

describe('#17.18 StreamMatcher option errors stay short too', () => {
  const huge = new Array(100_000).fill(1);
  const cases: Array<[string, object, ErrorConstructor]> = [
    ['threshold: a long array', { threshold: huge }, TypeError],
    ['cost: a long array', { threshold: 1, cost: huge }, TypeError],
    ['window: a long array', { threshold: 1, window: huge }, TypeError],
  ];
  for (const [name, options, kind] of cases) {
    it(name, () => {
      let error: unknown;
      try {
        new StreamMatcher([1, 2, 3], options as { threshold: number });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(kind);
      expect((error as Error).message).toMatch(/^StreamMatcher: options\./);
      expect((error as Error).message.length).toBeLessThan(120);
    });
  }
});
