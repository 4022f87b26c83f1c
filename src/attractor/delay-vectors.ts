// Delay vectors in wasm memory, for the kernels that search and follow them.
import { type Scratch } from '../memory';

/** Embeds the series at `series` (n f64 in wasm memory) into a new scratch block. */
export function embedInScratch(s: Scratch, series: number, n: number, dimension: number, delay: number): { points: number; count: number } {
  const count = n - (dimension - 1) * delay;
  const points = s.f64(count * dimension);
  s.kernels.delayEmbed(series, n, dimension, delay, points);
  return { points, count };
}
