// Seeded random data for tests: the same inputs on every run.

export { seededRandom, gaussian } from '../../src/random';

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
