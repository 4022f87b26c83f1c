// #17.9: AttractorAnalyzer.addPoint([]) was accepted and fixed the dimension at
// 0 (which the constructor rejects); analyze() then answered 'fixed-point' with
// confidence 1. A point needs at least one coordinate.
import { describe, expect, it } from 'vitest';
import { AttractorAnalyzer } from '../../src/index';

describe('#17.9 AttractorAnalyzer.addPoint([])', () => {
  it('is a RangeError naming the method and the argument', () => {
    const analyzer = new AttractorAnalyzer();
    expect(() => analyzer.addPoint([])).toThrow(RangeError);
    expect(() => analyzer.addPoint(new Float64Array(0))).toThrow(/AttractorAnalyzer\.addPoint: point must have at least one coordinate/);
  });

  it('leaves the analyzer as it was: no dimension fixed, no point stored', () => {
    const analyzer = new AttractorAnalyzer();
    expect(() => analyzer.addPoint([])).toThrow(RangeError);
    expect(analyzer.dimension).toBeUndefined();
    expect(analyzer.length).toBe(0);
    analyzer.addPoint([1, 2]);
    expect(analyzer.dimension).toBe(2);
    expect(analyzer.length).toBe(1);
  });
});
