// #17.18, attractor part: new AttractorAnalyzer({ maxPoints: 1e12 }) was
// accepted and its first addPoint threw "Invalid typed array length". The
// constructor names the option and the limit, in a short message.
import { describe, expect, it } from 'vitest';
import { AttractorAnalyzer } from '../../src/index';

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(RangeError);
    return (error as Error).message;
  }
  throw new Error('expected a RangeError');
}

describe('#17.18 AttractorAnalyzer maxPoints beyond what can be held', () => {
  it('maxPoints 1e12 is a short RangeError naming options.maxPoints and the limit', () => {
    const message = messageOf(() => new AttractorAnalyzer({ maxPoints: 1e12 }));
    expect(message).toMatch(/^AttractorAnalyzer: options\.maxPoints must be <= 67108864, got 1000000000000$/);
    expect(message.length).toBeLessThan(120);
  });

  it('maxPoints times the dimension is bounded too, whether the dimension is given or set by the first point', () => {
    expect(messageOf(() => new AttractorAnalyzer({ maxPoints: 2 ** 25, dimension: 3 }))).toMatch(
      /^AttractorAnalyzer: options\.maxPoints × dimension must be <= 67108864, got 33554432 × 3$/,
    );
    const analyzer = new AttractorAnalyzer({ maxPoints: 2 ** 25 });
    expect(messageOf(() => analyzer.addPoint([1, 2, 3]))).toMatch(/^AttractorAnalyzer\.addPoint: options\.maxPoints × dimension must be <= 67108864/);
    expect(analyzer.dimension).toBeUndefined();
    analyzer.addPoint(1); // dimension 1 fits
    expect(analyzer.length).toBe(1);
  });
});
