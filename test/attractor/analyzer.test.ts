// The incremental analyzer: points one at a time, a bounded window, the same
// verdicts as classifyAttractor on the same data.
import { describe, expect, it } from 'vitest';
import { AttractorAnalyzer, classifyAttractor } from '../../src/index';
import { logisticMap, lorenz, sine } from './systems';

describe('AttractorAnalyzer', () => {
  it('scalar values: same result as classifyAttractor on the series', () => {
    const series = logisticMap(3000, 1);
    const analyzer = new AttractorAnalyzer();
    for (const value of series) analyzer.addPoint(value);
    expect(analyzer.length).toBe(3000);
    expect(analyzer.dimension).toBe(1);
    const result = analyzer.analyze();
    expect(result).toEqual(classifyAttractor(series));
    expect(result.type).toBe('chaotic');
  });

  it('phase-space points with a fixed dimension, analysed as points', () => {
    const states = lorenz(6000, 2);
    const analyzer = new AttractorAnalyzer({ dimension: 3, dt: 0.01 });
    for (const state of states) analyzer.addPoint(state);
    const result = analyzer.analyze();
    expect(result).toEqual(classifyAttractor({ points: states }, { dt: 0.01 }));
    expect(result.type).toBe('chaotic');
  });

  it('keeps only the most recent maxPoints, oldest first', () => {
    const analyzer = new AttractorAnalyzer({ maxPoints: 1000 });
    const chaos = logisticMap(1500, 3);
    const cycle = sine(1000, 1, 37.7);
    for (const value of chaos) analyzer.addPoint(value);
    expect(analyzer.length).toBe(1000);
    expect(analyzer.analyze().type).toBe('chaotic');
    for (const value of cycle) analyzer.addPoint(value); // the chaos is pushed out entirely
    expect(analyzer.length).toBe(1000);
    expect(analyzer.analyze()).toEqual(classifyAttractor(cycle));
    expect(analyzer.analyze().type).toBe('limit-cycle');
  });

  it('a point of the wrong dimension is refused, naming expected and given dimension, and changes nothing', () => {
    const analyzer = new AttractorAnalyzer({ dimension: 3 });
    analyzer.addPoint([1, 2, 3]);
    expect(() => analyzer.addPoint([1, 2])).toThrow(RangeError);
    expect(() => analyzer.addPoint([1, 2])).toThrow(/dimension 2, expected 3/);
    expect(() => analyzer.addPoint(5)).toThrow(/dimension 1, expected 3/);
    expect(() => analyzer.addPoint([1, NaN, 3])).toThrow(/point\[1\] is NaN/);
    expect(analyzer.length).toBe(1);
    const scalar = new AttractorAnalyzer();
    scalar.addPoint(0.5);
    expect(() => scalar.addPoint([1, 2])).toThrow(/dimension 2, expected 1/);
    expect(() => scalar.addPoint(Infinity)).toThrow(RangeError);
    expect(() => scalar.addPoint('1' as unknown as number)).toThrow(TypeError);
  });

  it('too few points: the error says how many are needed', () => {
    const analyzer = new AttractorAnalyzer();
    for (let i = 0; i < 57; i++) analyzer.addPoint(Math.sin(i));
    expect(() => analyzer.analyze()).toThrow(/needs at least 100 points, has 57/);
    // Enough for the analyzer, too few for a signal this slow (its mean period, the
    // Theiler window, is longer than the record): that error names the need too.
    analyzer.clear();
    for (let i = 0; i < 150; i++) analyzer.addPoint(Math.sin((2 * Math.PI * i) / 400));
    expect(() => analyzer.analyze()).toThrow(/AttractorAnalyzer.analyze: series has 150 points; .* need at least \d+/);
  });

  it('clear() forgets the points but keeps the dimension', () => {
    const analyzer = new AttractorAnalyzer();
    analyzer.addPoint([1, 2]);
    analyzer.clear();
    expect(analyzer.length).toBe(0);
    expect(() => analyzer.addPoint([1, 2, 3])).toThrow(/expected 2/);
  });

  it('checks its options', () => {
    expect(() => new AttractorAnalyzer({ dimension: 0 })).toThrow(/options.dimension must be >= 1/);
    expect(() => new AttractorAnalyzer({ dimension: 2.5 })).toThrow(/whole number/);
    expect(() => new AttractorAnalyzer({ maxPoints: 10 })).toThrow(/options.maxPoints must be >= 100/);
    expect(() => new AttractorAnalyzer({ dt: 0 })).toThrow(/options.dt must be > 0/);
  });
});
