import { describe, expect, it } from 'vitest';
import { resolvePriority, PRIORITY_URGENCY } from '../../src/transport/index';
import { PrioritySender, type SendQueue } from '../../src/transport/sender';
import { Scheduler } from '../../src/scheduler/index';

describe('RFC 9218 priorities', () => {
  it('resolves names, urgencies and objects; refuses the rest', () => {
    expect(resolvePriority(undefined, 'p', 'f')).toEqual({ urgency: 3, incremental: false });
    expect(resolvePriority('critical', 'p', 'f')).toEqual({ urgency: 0, incremental: false });
    expect(PRIORITY_URGENCY).toEqual({ critical: 0, high: 1, normal: 3, low: 6 });
    expect(resolvePriority(5, 'p', 'f')).toEqual({ urgency: 5, incremental: false });
    expect(resolvePriority({ urgency: 7, incremental: true }, 'p', 'f')).toEqual({ urgency: 7, incremental: true });
    expect(() => resolvePriority(8, 'options.priority', 'openStream')).toThrow(RangeError);
    expect(() => resolvePriority(1.5, 'options.priority', 'openStream')).toThrow(/whole number/);
    expect(() => resolvePriority('urgent' as never, 'options.priority', 'openStream')).toThrow(/openStream: options.priority must be one of/);
    expect(() => resolvePriority({ incremental: 1 } as never, 'options.priority', 'openStream')).toThrow(TypeError);
  });
});

// A fake queue: `frames` frames to send, each arriving at `arrivals[i]`.
class FakeQueue implements SendQueue {
  scheduled = false;
  deadline = 0;
  sent = 0;
  constructor(
    readonly name: string,
    readonly urgency: number,
    readonly incremental: boolean,
    private readonly frames: number,
    readonly headTime: number,
    private readonly log: string[],
    private readonly wireOk: () => boolean = () => true,
  ) {}
  sendable(): boolean {
    return this.sent < this.frames;
  }
  sendFrame(): boolean {
    this.sent++;
    this.log.push(this.name);
    return this.wireOk();
  }
}

function setup(prioritised = true, agingMs = 100) {
  let now = 0;
  const scheduler = new Scheduler({ clock: () => now, agingMs: Infinity });
  const sender = new PrioritySender(scheduler, agingMs, prioritised, (e) => {
    throw e;
  });
  return { scheduler, sender, setNow: (t: number) => (now = t) };
}

describe('the priority sender (on the Scheduler)', () => {
  it('sends strictly by urgency, non-incremental streams first come first served', () => {
    const { scheduler, sender } = setup();
    const log: string[] = [];
    sender.wireFull(); // contention: everything queues (a lone frame on an idle wire goes at once)
    for (const q of [new FakeQueue('low', 6, false, 2, 0, log), new FakeQueue('a', 3, false, 2, 0, log), new FakeQueue('b', 3, false, 2, 0.5, log), new FakeQueue('crit', 0, false, 2, 1, log)]) {
      sender.wake(q);
    }
    scheduler.runUntilIdle();
    sender.drained();
    scheduler.runUntilIdle();
    expect(log).toEqual(['crit', 'crit', 'a', 'a', 'b', 'b', 'low', 'low']);
  });

  it('round-robins incremental streams of one urgency', () => {
    const { scheduler, sender, setNow } = setup();
    const log: string[] = [];
    const queues = ['x', 'y', 'z'].map((n) => new FakeQueue(n, 4, true, 3, 0, log));
    sender.wireFull();
    for (const q of queues) sender.wake(q);
    scheduler.runUntilIdle();
    sender.drained();
    // each turn happens at a later time, as it would on a real clock
    let t = 0;
    const original = scheduler.schedule.bind(scheduler);
    scheduler.schedule = (cb, o) => original(() => (setNow((t += 1)), cb()), o);
    scheduler.runUntilIdle();
    expect(log).toEqual(['x', 'y', 'z', 'x', 'y', 'z', 'x', 'y', 'z']);
  });

  it('sends a lone frame on an idle wire at once, without a host turn', () => {
    const { sender } = setup();
    const log: string[] = [];
    sender.wake(new FakeQueue('only', 5, false, 1, 0, log));
    expect(log).toEqual(['only']);
  });

  it('ages: a low frame that waited agingMs per level of difference goes first', () => {
    const { scheduler, sender, setNow } = setup(true, 10);
    const log: string[] = [];
    sender.wireFull();
    sender.wake(new FakeQueue('old-low', 7, false, 1, 0, log)); // deadline 0 + 70
    setNow(71);
    sender.wake(new FakeQueue('fresh-critical', 0, false, 1, 71, log)); // deadline 71
    scheduler.runUntilIdle();
    sender.drained();
    scheduler.runUntilIdle();
    expect(log).toEqual(['old-low', 'fresh-critical']);
  });

  it('with priorities off, sends by arrival only', () => {
    const { scheduler, sender } = setup(false);
    const log: string[] = [];
    sender.wireFull();
    sender.wake(new FakeQueue('bulk', 7, false, 3, 0, log));
    sender.wake(new FakeQueue('urgent', 0, false, 1, 5, log));
    scheduler.runUntilIdle();
    sender.drained();
    scheduler.runUntilIdle();
    expect(log).toEqual(['bulk', 'bulk', 'bulk', 'urgent']);
  });

  it('parks streams while the wire is full and resumes in the same order on drain', () => {
    const { scheduler, sender } = setup();
    const log: string[] = [];
    let room = 1;
    const wireOk = () => --room > 0;
    const qs = [new FakeQueue('u1', 1, false, 2, 0, log, wireOk), new FakeQueue('u5', 5, false, 2, 0, log, wireOk)];
    for (const q of qs) sender.wake(q);
    scheduler.runUntilIdle();
    expect(log).toEqual(['u1']); // the wire filled after one frame
    room = 100;
    sender.drained();
    scheduler.runUntilIdle();
    expect(log).toEqual(['u1', 'u1', 'u5', 'u5']);
  });

  it('holds frames of urgency 1-7 while the unacknowledged bytes exceed the budget; urgency 0 goes on', () => {
    let now = 0;
    const scheduler = new Scheduler({ clock: () => now, agingMs: Infinity });
    const sender = new PrioritySender(scheduler, 100, true, (e) => { throw e; }, 100);
    const log: string[] = [];
    const send = () => (sender.sent(60), true); // each frame is 60 bytes
    const bulk = new FakeQueue('bulk', 7, false, 4, 0, log, send);
    sender.wake(bulk);
    scheduler.runUntilIdle();
    expect(log).toEqual(['bulk', 'bulk']); // 120 bytes in flight >= 100
    const urgent = new FakeQueue('urgent', 0, false, 2, 1, log, send);
    sender.wake(urgent);
    scheduler.runUntilIdle();
    expect(log).toEqual(['bulk', 'bulk', 'urgent', 'urgent']);
    sender.acknowledged(240); // everything arrived
    scheduler.runUntilIdle();
    expect(log).toEqual(['bulk', 'bulk', 'urgent', 'urgent', 'bulk', 'bulk']);
  });
});
