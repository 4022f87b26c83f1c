// Posterior draws for Thompson sampling, from the seeded PRNG only.
import { gaussian } from '../random';

/** Draws from Gamma(shape, 1), shape >= 1 (Marsaglia & Tsang 2000). */
export function gammaDraw(shape: number, uniform: () => number, normal: () => number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = uniform();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Draws from Beta(a, b), a, b >= 1, as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
export function betaDraw(a: number, b: number, uniform: () => number, normal: () => number): number {
  const x = gammaDraw(a, uniform, normal);
  const y = gammaDraw(b, uniform, normal);
  return x / (x + y);
}

/** The draws a loop needs, all from one seeded uniform source. */
export interface Draws {
  uniform: () => number;
  normal: () => number;
}

export function draws(uniform: () => number): Draws {
  return { uniform, normal: gaussian(uniform) };
}
