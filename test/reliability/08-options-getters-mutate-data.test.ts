// #17.8: a Float64Array was validated and then used in place; an option getter
// running after the check could write NaN into it, and dtw silently returned
// Infinity, findSimilar []. Options are read before the data are checked, so the
// data the kernel sees are the data that were checked.
import { describe, expect, it } from 'vitest';
import { StreamMatcher, TemporalComparator, detectPattern, dtw, dtwPath, findSimilar, residentSeries } from '../../src/index';

function poisoning(target: Float64Array, fields: Record<string, unknown>) {
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    Object.defineProperty(options, key, {
      enumerable: true,
      get() {
        target[2] = NaN;
        return value;
      },
    });
  }
  return options;
}

describe('#17.8 option getters cannot corrupt checked data', () => {
  const fresh = () => Float64Array.from([0, 1, 2, 3, 2, 1, 0, 1, 2, 3]);
  const pattern = [1, 2, 3];

  it('dtw, dtwPath', () => {
    let a = fresh();
    expect(() => dtw(a, [1, 2], poisoning(a, { window: 9 }))).toThrow(RangeError);
    a = fresh();
    expect(() => dtw([1, 2], a, poisoning(a, { cost: 'absolute' }))).toThrow(/b\[2\] is NaN/);
    a = fresh();
    expect(() => dtwPath(a, [1, 2], poisoning(a, { window: 9 }))).toThrow(/a\[2\] is NaN/);
  });

  it('findSimilar, detectPattern', () => {
    let s = fresh();
    expect(() => findSimilar(s, pattern, 1, poisoning(s, { window: 1 }))).toThrow(/series\[2\] is NaN/);
    s = fresh();
    expect(() => detectPattern(s, pattern, 1, poisoning(s, { normalize: false }))).toThrow(/series\[2\] is NaN/);
    const p = Float64Array.from(pattern);
    expect(() => findSimilar(fresh(), p, 1, poisoning(p, { limit: 3 }))).toThrow(/pattern\[2\] is NaN/);
  });

  it('ResidentSeries.findSimilar and StreamMatcher', () => {
    const resident = residentSeries(fresh());
    const p = Float64Array.from(pattern);
    expect(() => resident.findSimilar(p, 1, poisoning(p, { window: 1 }))).toThrow(/pattern\[2\] is NaN/);
    resident.free();
    const q = Float64Array.from(pattern);
    expect(() => new StreamMatcher(q, poisoning(q, { threshold: 1 }) as { threshold: number })).toThrow(/pattern\[2\] is NaN/);
  });

  it('TemporalComparator', () => {
    const cmp = new TemporalComparator();
    const a = fresh();
    expect(() => cmp.dtw(a, [1, 2], poisoning(a, { window: 9 }))).toThrow(/a\[2\] is NaN/);
    const s = fresh();
    expect(() => cmp.findSimilar(s, pattern, 1, poisoning(s, { window: 1 }))).toThrow(/series\[2\] is NaN/);
    const t = fresh();
    expect(() => cmp.detectPattern(t, pattern, 1, poisoning(t, { window: 1 }))).toThrow(/series\[2\] is NaN/);
  });
});
