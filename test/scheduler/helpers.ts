// Shared test helpers: a seeded PRNG, a fake clock, and the priority a yield() inherits.

import type { Scheduler, TaskPriority } from '../../src/scheduler/index';

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

/**
 * Races a yield() continuation against a task of `rival` priority posted just before it, and
 * names the continuation's priority from the order: a continuation runs ahead of the tasks of
 * its own priority, after those of a higher one.
 */
export async function yieldPriority(scheduler: Scheduler): Promise<TaskPriority> {
  const order: string[] = [];
  const rivals = (['user-blocking', 'user-visible'] as const).map((priority) =>
    scheduler.postTask(() => order.push(priority), { priority }),
  );
  await scheduler.yield();
  order.push('continuation');
  await Promise.all(rivals);
  const position = order.indexOf('continuation');
  return position === 0 ? 'user-blocking' : position === 1 ? 'user-visible' : 'background';
}
