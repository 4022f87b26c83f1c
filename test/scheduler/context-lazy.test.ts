// The default asyncContext 'lazy': the context carrier starts at the first yield() call in the
// module (here: in this file, which runs in a fresh module graph), for every scheduler that
// does not turn it off. The tests run in order and depend on it.
import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../src/scheduler/index';
import { yieldPriority } from './helpers';

const timer = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

/** 'inherited' when yield() took the background task's priority, 'default' when it had 'user-visible'. */
async function raceYield(scheduler: Scheduler): Promise<'inherited' | 'default'> {
  return (await yieldPriority(scheduler)) === 'background' ? 'inherited' : 'default';
}

async function backgroundTaskThatYieldsAfterAwait(scheduler: Scheduler): Promise<string[]> {
  return scheduler.postTask(
    async () => {
      await timer();
      const afterTimer = await raceYield(scheduler);
      const afterYield = await raceYield(scheduler);
      await timer();
      const afterSecondTimer = await raceYield(scheduler);
      return [afterTimer, afterYield, afterSecondTimer];
    },
    { priority: 'background' },
  );
}

describe("asyncContext 'lazy' (the default)", () => {
  it('a task that started before the first yield() call is not followed through its promise jobs', async () => {
    // Its first yield() (after a timer) installs the carrier, too late for this task's chain.
    expect(await backgroundTaskThatYieldsAfterAwait(new Scheduler())).toEqual(['default', 'default', 'default']);
  });

  it('once installed, every task that starts after is followed, on every scheduler that does not turn it off', async () => {
    const scheduler = new Scheduler();
    expect(await backgroundTaskThatYieldsAfterAwait(scheduler)).toEqual(['inherited', 'inherited', 'inherited']);
    const off = new Scheduler({ asyncContext: 'off' });
    expect(await backgroundTaskThatYieldsAfterAwait(off)).toEqual(['default', 'default', 'default']);
  });

  it("with the carrier on, a yield() in the task's synchronous part inherits as before", async () => {
    const scheduler = new Scheduler();
    const result = await scheduler.postTask(() => raceYield(scheduler), { priority: 'background' });
    expect(result).toBe('inherited');
  });
});
