// Seeded random data for tests: the same inputs on every run.

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

export function randomSeries(random: () => number, length: number, scale = 10): number[] {
  return Array.from({ length }, () => (random() - 0.5) * scale);
}

export function randomWalk(random: () => number, length: number): Float64Array {
  const out = new Float64Array(length);
  let x = 0;
  for (let i = 0; i < length; i++) out[i] = x += random() - 0.5;
  return out;
}

export function randomInt(random: () => number, lo: number, hi: number): number {
  return lo + Math.floor(random() * (hi - lo + 1));
}
