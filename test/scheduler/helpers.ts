// Shared test helpers: a seeded PRNG and a fake clock.

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomInt(random: () => number, below: number): number {
  return Math.floor(random() * below);
}

/** A clock that only moves when told to. */
export class FakeClock {
  time = 0;
  readonly now = (): number => this.time;
  advance(ms: number): void {
    this.time += ms;
  }
}

export const PRIORITIES = ['user-blocking', 'user-visible', 'background'] as const;
