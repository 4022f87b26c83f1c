import { describe, expect, it } from 'vitest';
import { Scheduler, type TaskPriority } from '../../src/scheduler/index';
import { FakeClock, mulberry32, PRIORITIES, randomInt } from './helpers';

interface Spec {
  id: number;
  priority: TaskPriority;
  deadline?: number;
  delay?: number;
}

/** Random task specs; deadlines come from a small range so ties are common. */
function randomSpecs(seed: number, count: number, withDelays: boolean): Spec[] {
  const random = mulberry32(seed);
  const specs: Spec[] = [];
  for (let id = 0; id < count; id++) {
    const spec: Spec = { id, priority: PRIORITIES[randomInt(random, 3)] };
    if (random() < 0.4) spec.deadline = 1000 + randomInt(random, 20);
    if (withDelays && random() < 0.3) spec.delay = 1 + randomInt(random, 10);
    specs.push(spec);
  }
  return specs;
}

/**
 * The obviously-correct order: priority, then deadline (none = last), then the order
 * of becoming runnable. Immediate tasks became runnable at posting, in posting
 * order; delayed ones when the clock passed their due time, by (due time, posting order).
 */
function referenceOrder(specs: Spec[]): number[] {
  const rank = (p: TaskPriority) => PRIORITIES.indexOf(p);
  return [...specs]
    .sort(
      (a, b) =>
        rank(a.priority) - rank(b.priority) ||
        (a.deadline ?? Infinity) - (b.deadline ?? Infinity) ||
        (a.delay ?? 0) - (b.delay ?? 0) ||
        a.id - b.id,
    )
    .map((spec) => spec.id);
}

function optionsOf(spec: Spec) {
  return { priority: spec.priority, deadline: spec.deadline, delay: spec.delay };
}

describe('Scheduler ordering', () => {
  it('runs random task sets in (priority, deadline, FIFO) order, like a sorted reference', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const clock = new FakeClock();
      const scheduler = new Scheduler({ clock: clock.now });
      const specs = randomSpecs(seed, 300, false);
      const ran: number[] = [];
      for (const spec of specs) scheduler.schedule(() => ran.push(spec.id), optionsOf(spec));
      expect(scheduler.runUntilIdle()).toBe(specs.length);
      expect(ran, `seed ${seed}`).toEqual(referenceOrder(specs));
    }
  });

  it('orders delayed tasks by when they became runnable, on a fake clock', () => {
    for (let seed = 100; seed < 120; seed++) {
      const clock = new FakeClock();
      const scheduler = new Scheduler({ clock: clock.now });
      const specs = randomSpecs(seed, 300, true);
      const ran: number[] = [];
      for (const spec of specs) scheduler.schedule(() => ran.push(spec.id), optionsOf(spec));
      expect(scheduler.stats().queued).toBe(specs.length);
      clock.advance(100); // every delay has passed; immediate tasks were runnable first
      scheduler.runUntilIdle();
      expect(ran, `seed ${seed}`).toEqual(referenceOrder(specs));
      expect(scheduler.stats().queued).toBe(0);
    }
  });

  it('keeps the order when most tasks are cancelled (stale entries compacted away)', () => {
    for (let seed = 200; seed < 205; seed++) {
      const random = mulberry32(seed);
      const clock = new FakeClock();
      const scheduler = new Scheduler({ clock: clock.now });
      const specs = randomSpecs(seed, 6000, true);
      const ran: number[] = [];
      const handles = specs.map((spec) => scheduler.schedule(() => ran.push(spec.id), optionsOf(spec)));
      const cancelled = new Set<number>();
      for (const spec of specs) {
        if (random() < 0.8) {
          expect(handles[spec.id].cancel()).toBe(true);
          cancelled.add(spec.id);
        }
      }
      expect(scheduler.stats().queued).toBe(specs.length - cancelled.size);
      clock.advance(100);
      scheduler.runUntilIdle();
      expect(ran, `seed ${seed}`).toEqual(referenceOrder(specs.filter((spec) => !cancelled.has(spec.id))));
    }
  });

  it('keeps the same order on the real host loop (postTask + drain)', async () => {
    const scheduler = new Scheduler();
    const far = scheduler.now() + 1e9; // deadlines far ahead: none is missed
    const specs = randomSpecs(7, 2000, false).map((spec) =>
      spec.deadline === undefined ? spec : { ...spec, deadline: far + spec.deadline },
    );
    const ran: number[] = [];
    const results = specs.map((spec) => scheduler.postTask(() => (ran.push(spec.id), spec.id * 2), optionsOf(spec)));
    expect(await Promise.all(results)).toEqual(specs.map((spec) => spec.id * 2));
    await scheduler.drain();
    expect(ran).toEqual(referenceOrder(specs));
    expect(scheduler.stats()).toMatchObject({ scheduled: 2000, completed: 2000, missedDeadlines: 0, queued: 0 });
  });

  it('runs a higher-priority task posted from inside a task before queued lower-priority ones', () => {
    const scheduler = new Scheduler({ clock: new FakeClock().now });
    const ran: string[] = [];
    scheduler.schedule(() => {
      ran.push('first');
      scheduler.schedule(() => ran.push('urgent'), { priority: 'user-blocking' });
      scheduler.schedule(() => ran.push('late visible'));
    });
    scheduler.schedule(() => ran.push('visible'));
    scheduler.schedule(() => ran.push('background'), { priority: 'background' });
    scheduler.runUntilIdle();
    expect(ran).toEqual(['first', 'urgent', 'visible', 'late visible', 'background']);
  });

  it('treats deadline Infinity as no deadline', () => {
    const scheduler = new Scheduler({ clock: new FakeClock().now });
    const ran: string[] = [];
    scheduler.schedule(() => ran.push('none'));
    scheduler.schedule(() => ran.push('infinite'), { deadline: Infinity });
    scheduler.schedule(() => ran.push('finite'), { deadline: 5 });
    scheduler.runUntilIdle();
    expect(ran).toEqual(['finite', 'none', 'infinite']);
  });
});

describe('Scheduler aging', () => {
  it('lets a background task run under a never-ending flood of user-blocking work', () => {
    const clock = new FakeClock();
    const scheduler = new Scheduler({ clock: clock.now, agingMs: 100 });
    let backgroundRanAt = -1;
    let floodTasks = 0;
    scheduler.schedule(() => (backgroundRanAt = clock.time), { priority: 'background' });
    // Each flood task takes 1 ms and posts the next; it stops only once the background task ran (or at a cap).
    const flood = () => {
      clock.advance(1);
      floodTasks++;
      if (backgroundRanAt < 0 && floodTasks < 10_000) scheduler.schedule(flood, { priority: 'user-blocking' });
    };
    scheduler.schedule(flood, { priority: 'user-blocking' });
    scheduler.runUntilIdle();
    // Background -> user-visible after 100 ms, -> user-blocking after 200 ms, then behind one queued flood task.
    expect(backgroundRanAt).toBeGreaterThanOrEqual(200);
    expect(backgroundRanAt).toBeLessThanOrEqual(205);
    expect(scheduler.stats().latency.max).toBeGreaterThanOrEqual(200);
  });

  it('never reorders anything when agingMs is Infinity', () => {
    const clock = new FakeClock();
    const scheduler = new Scheduler({ clock: clock.now, agingMs: Infinity });
    const ran: string[] = [];
    scheduler.schedule(() => ran.push('background'), { priority: 'background' });
    for (let i = 0; i < 50; i++) {
      scheduler.schedule(() => {
        clock.advance(100);
        ran.push('urgent');
      }, { priority: 'user-blocking' });
    }
    scheduler.runUntilIdle();
    expect(ran.indexOf('background')).toBe(50);
  });

  it('promotes aged tasks with deadlines too', () => {
    const clock = new FakeClock();
    const scheduler = new Scheduler({ clock: clock.now, agingMs: 10 });
    let ranAt = -1;
    let count = 0;
    scheduler.schedule(() => (ranAt = clock.time), { priority: 'background', deadline: 1e9 });
    const flood = () => {
      clock.advance(1);
      if (ranAt < 0 && ++count < 1000) scheduler.schedule(flood, { priority: 'user-blocking', deadline: 1e9 });
    };
    scheduler.schedule(flood, { priority: 'user-blocking', deadline: 1e9 });
    scheduler.runUntilIdle();
    expect(ranAt).toBeGreaterThanOrEqual(20);
    expect(ranAt).toBeLessThanOrEqual(25);
  });
});
