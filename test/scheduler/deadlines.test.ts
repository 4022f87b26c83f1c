import { describe, expect, it } from 'vitest';
import { DeadlineMissedError, Scheduler } from '../../src/scheduler/index';
import { FakeClock, mulberry32, PRIORITIES, randomInt } from './helpers';

describe('Scheduler deadlines (fake clock)', () => {
  it('runs earliest deadline first inside a priority and counts missed deadlines exactly', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const random = mulberry32(seed);
      const clock = new FakeClock();
      const scheduler = new Scheduler({ clock: clock.now });
      const specs = Array.from({ length: 200 }, (_, id) => ({
        id,
        level: randomInt(random, 3),
        cost: 1 + randomInt(random, 5), // ms of fake time each task takes
        deadline: random() < 0.7 ? randomInt(random, 400) : undefined,
      }));
      const startedAt = new Map<number, number>();
      for (const spec of specs) {
        scheduler.schedule(
          () => {
            startedAt.set(spec.id, clock.time);
            clock.advance(spec.cost);
          },
          { priority: PRIORITIES[spec.level], deadline: spec.deadline },
        );
      }
      scheduler.runUntilIdle();
      // Reference: sort, then replay the costs to get each start time.
      const order = [...specs].sort(
        (a, b) => a.level - b.level || (a.deadline ?? Infinity) - (b.deadline ?? Infinity) || a.id - b.id,
      );
      let time = 0;
      let missed = 0;
      for (const spec of order) {
        expect(startedAt.get(spec.id), `seed ${seed} task ${spec.id}`).toBe(time);
        if (spec.deadline !== undefined && time > spec.deadline) missed++;
        time += spec.cost;
      }
      expect(scheduler.stats()).toMatchObject({ completed: 200, missedDeadlines: missed, dropped: 0 });
    }
  });

  it('still runs a late task unless dropLate is set; dropLate rejects with DeadlineMissedError', async () => {
    const clock = new FakeClock();
    const scheduler = new Scheduler({ clock: clock.now });
    const ran: string[] = [];
    const late = scheduler.postTask(() => (ran.push('late'), 'ran anyway'), { deadline: 5 });
    const dropped = scheduler.postTask(() => ran.push('dropped'), { deadline: 5, dropLate: true });
    const handle = scheduler.schedule(() => ran.push('dropped handle'), { deadline: 5, dropLate: true });
    const onTime = scheduler.postTask(() => (ran.push('on time'), 1), { deadline: 50, dropLate: true });
    clock.advance(10);
    scheduler.runUntilIdle();
    await expect(late).resolves.toBe('ran anyway');
    await expect(onTime).resolves.toBe(1);
    const error = await dropped.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeadlineMissedError);
    expect(error).toMatchObject({ name: 'DeadlineMissedError', deadline: 5, startedAt: 10 });
    expect(handle.status).toBe('dropped');
    expect(ran).toEqual(['late', 'on time']);
    expect(scheduler.stats()).toMatchObject({ scheduled: 4, completed: 2, missedDeadlines: 3, dropped: 2, failed: 0 });
  });

  it('a deadline exactly now is not missed; one unit later is', () => {
    const clock = new FakeClock();
    const scheduler = new Scheduler({ clock: clock.now });
    scheduler.schedule(() => clock.advance(1), { deadline: 0 });
    scheduler.schedule(() => {}, { deadline: 0 });
    scheduler.runUntilIdle();
    expect(scheduler.stats().missedDeadlines).toBe(1);
  });

  it('measures dispatch latency with the clock: from runnable to start', () => {
    const clock = new FakeClock();
    const scheduler = new Scheduler({ clock: clock.now });
    // 1,000 tasks posted at t=0, each takes 1 ms: task k starts at k ms.
    for (let i = 0; i < 1000; i++) scheduler.schedule(() => clock.advance(1));
    scheduler.runUntilIdle();
    const { latency } = scheduler.stats();
    expect(latency.count).toBe(1000);
    expect(latency.max).toBe(999);
    expect(latency.mean).toBeCloseTo(499.5, 9);
    expect(Math.abs(latency.p50 - 499) / 499).toBeLessThan(0.02);
    expect(Math.abs(latency.p99 - 989) / 989).toBeLessThan(0.02);
  });

  it('latency percentiles match a sorted reference on random latencies within 2%', () => {
    const random = mulberry32(42);
    const clock = new FakeClock();
    const scheduler = new Scheduler({ clock: clock.now });
    const latencies: number[] = [];
    for (let i = 0; i < 5000; i++) {
      // Spread over six orders of magnitude: 1 microsecond to 1 second.
      const latency = 10 ** (-3 + 6 * random());
      latencies.push(latency);
      scheduler.schedule(() => {}, { delay: 1 });
      clock.advance(1 + latency); // due at +1, started `latency` later
      scheduler.runUntilIdle();
    }
    latencies.sort((a, b) => a - b);
    const { p50, p99, max } = scheduler.stats().latency;
    const exact = (q: number) => latencies[Math.ceil(q * latencies.length) - 1];
    expect(Math.abs(p50 - exact(0.5)) / exact(0.5)).toBeLessThan(0.02);
    expect(Math.abs(p99 - exact(0.99)) / exact(0.99)).toBeLessThan(0.02);
    expect(max).toBeCloseTo(latencies[latencies.length - 1], 6);
  });

  it('delayed tasks wait for the clock and count latency from their due time', () => {
    const clock = new FakeClock();
    const scheduler = new Scheduler({ clock: clock.now });
    const ran: string[] = [];
    scheduler.schedule(() => ran.push('at 10'), { delay: 10 });
    scheduler.schedule(() => ran.push('at 5'), { delay: 5 });
    scheduler.schedule(() => ran.push('now'));
    expect(scheduler.runUntilIdle()).toBe(1);
    clock.advance(7);
    expect(scheduler.runUntilIdle()).toBe(1);
    clock.advance(100);
    expect(scheduler.runUntilIdle()).toBe(1);
    expect(ran).toEqual(['now', 'at 5', 'at 10']);
    // 'now': 0; 'at 5' due at 5 ran at 7: 2; 'at 10' due at 10 ran at 107: 97.
    const { latency } = scheduler.stats();
    expect(latency.max).toBe(97);
    expect(latency.mean).toBeCloseTo(33, 9);
  });

  it('a delayed task whose deadline falls inside its delay is late by construction', () => {
    const clock = new FakeClock();
    const scheduler = new Scheduler({ clock: clock.now });
    let ran = false;
    scheduler.schedule(() => (ran = true), { delay: 10, deadline: 5 });
    clock.advance(10);
    scheduler.runUntilIdle();
    expect(ran).toBe(true);
    expect(scheduler.stats().missedDeadlines).toBe(1);
  });
});
