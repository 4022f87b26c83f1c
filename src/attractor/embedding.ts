// Delay embedding (Takens 1981), with the delay and dimension estimated when
// not given (delay.ts, false-neighbours.ts).
import { InsufficientDataError } from '../errors';
import { f64View, withScratch } from '../memory';
import { type NumericSeries } from '../validate';
import { estimateDelay } from './delay';
import { estimateDimension } from './false-neighbours';
import { embedInScratch } from './delay-vectors';
import { optionalInteger, readOptions, toScalarSeries } from './input';

export interface EmbedOptions {
  /** Embedding dimension m >= 1. Default: estimateDimension(series, { delay }). */
  dimension?: number;
  /** Delay tau >= 1 in samples. Default: estimateDelay(series). */
  delay?: number;
}

export interface Embedding {
  /** Delay vectors, row-major: row i is [x(i), x(i + delay), ..., x(i + (dimension - 1) delay)]. */
  points: Float64Array;
  /** Number of rows: series.length - (dimension - 1) * delay. */
  count: number;
  dimension: number;
  delay: number;
}

/** Delay embedding of a series; dimension and delay are estimated when not given. */
export function embed(series: NumericSeries, options?: EmbedOptions): Embedding {
  const where = 'embed';
  const o = readOptions(options, ['delay', 'dimension'], where); // before the data: see readOptions
  const x = toScalarSeries(series, where);
  const delay = optionalInteger(o.delay, 'options.delay', where, 1) ?? estimateDelay(x);
  const dimension = optionalInteger(o.dimension, 'options.dimension', where, 1) ?? estimateDimension(x, { delay });
  const needed = 1 + (dimension - 1) * delay;
  if (x.length < needed) {
    throw new InsufficientDataError(
      `${where}: series has ${x.length} points; dimension ${dimension} with delay ${delay} needs at least ${needed}`,
      needed,
      x.length,
    );
  }
  return withScratch((s) => {
    const pSeries = s.f64(x);
    const { points, count } = embedInScratch(s, pSeries, x.length, dimension, delay);
    return { points: f64View(points, count * dimension).slice(), count, dimension, delay };
  });
}
