// Shared test helpers: a seeded PRNG and a fake clock.

export { seededRandom as mulberry32 } from '../../src/random';

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
