// The seeded PRNG every part, test and bench uses: the same numbers on every run
// and in every engine (integer arithmetic and plain additions only).

/** mulberry32: a small, well-mixed 32-bit PRNG returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Approximately standard normal deviates: the sum of 12 uniforms minus 6
 * (Irwin-Hall; mean 0, variance 1, tails cut at ±6). Plain additions, so the
 * same in every engine.
 */
export function gaussian(random: () => number): () => number {
  return () => {
    let sum = -6;
    for (let k = 0; k < 12; k++) sum += random();
    return sum;
  };
}
