// Issue #17, item 14: a clock that steps back (an NTP step on a Date.now clock) or
// starts returning NaN must not make one slice run every queued task in a single
// event-loop turn; a clock whose first reading is not a finite number is refused.
import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../src/scheduler/index';

const TASKS = 100_000;

/** Resolves after the host turn the scheduler asked for when the first task was posted. */
const nextHostTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Posts TASKS no-op tasks, lets one host turn pass, and returns how many ran in it. */
async function tasksRunInOneTurn(scheduler: Scheduler): Promise<number> {
  let ran = 0;
  const count = () => {
    ran++;
  };
  for (let i = 0; i < TASKS; i++) scheduler.schedule(count);
  await nextHostTurn();
  const inFirstTurn = ran;
  await scheduler.drain(); // and the rest still runs, in later turns
  expect(ran).toBe(TASKS);
  return inFirstTurn;
}

describe('#17.14: a misbehaving clock cannot hold the thread', () => {
  it('a clock that steps back ends the slice anyway', async () => {
    let time = 1e12;
    const steppingBack = () => (time -= 1000); // every reading an hour-long NTP step back, in effect
    const ranInOneTurn = await tasksRunInOneTurn(new Scheduler({ clock: steppingBack, sliceMs: 5 }));
    expect(ranInOneTurn).toBeGreaterThan(0);
    expect(ranInOneTurn).toBeLessThan(TASKS);
  });

  it('a clock that stands still ends the slice anyway', async () => {
    const ranInOneTurn = await tasksRunInOneTurn(new Scheduler({ clock: () => 42, sliceMs: 5 }));
    expect(ranInOneTurn).toBeGreaterThan(0);
    expect(ranInOneTurn).toBeLessThan(TASKS);
  });

  it('a clock that turns NaN after its first reading ends the slice anyway', async () => {
    let readings = 0;
    const turnsNaN = () => (readings++ === 0 ? 0 : NaN);
    const ranInOneTurn = await tasksRunInOneTurn(new Scheduler({ clock: turnsNaN, sliceMs: 5 }));
    expect(ranInOneTurn).toBeGreaterThan(0);
    expect(ranInOneTurn).toBeLessThan(TASKS);
  });

  it('shouldYield() turns true in a long task even when the clock stands still', async () => {
    const scheduler = new Scheduler({ clock: () => 42, sliceMs: 2 });
    const told = await scheduler.postTask(() => {
      const safetyStop = performance.now() + 5000; // only so that a regression fails instead of hanging
      while (performance.now() < safetyStop) if (scheduler.shouldYield()) return true;
      return false;
    });
    expect(told).toBe(true);
  });

  it('a clock whose first reading is not finite is an error at construction', () => {
    for (const reading of [NaN, Infinity, -Infinity]) {
      expect(() => new Scheduler({ clock: () => reading })).toThrow(RangeError);
      expect(() => new Scheduler({ clock: () => reading })).toThrow(/new Scheduler: options\.clock must return a finite number/);
    }
    expect(() => new Scheduler({ clock: (() => '12') as never })).toThrow(TypeError);
  });

  it('runUntilIdle still runs everything in one call, whatever the clock', () => {
    const scheduler = new Scheduler({ clock: () => 7 });
    let ran = 0;
    for (let i = 0; i < TASKS; i++) scheduler.schedule(() => ran++);
    expect(scheduler.runUntilIdle()).toBe(TASKS);
    expect(ran).toBe(TASKS);
  });
});
