import { describe, expect, it } from 'vitest';
import { resolvePriority, PRIORITY_URGENCY } from '../../src/transport/index';
import { MIN_WINDOW_PAYLOAD, PrioritySender, type SendQueue } from '../../src/transport/sender';
import { HEADER_BYTES } from '../../src/transport/frames';
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

// A fake queue: `frames` frames to send, its oldest bytes arrived at `headTime`.
// Each frame carries up to `frameBytes` payload bytes (fewer when the sender's
// window says so) and is logged as its name; `wireOk` is the wire's answer.
class FakeQueue implements SendQueue {
  scheduled = false;
  deadline = 0;
  sent = 0;
  constructor(
    readonly name: string,
    readonly urgency: number,
    readonly incremental: boolean,
    private readonly frames: number,
    public headTime: number,
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

function setup(prioritised = true, agingMs = 100, window = Infinity) {
  let now = 0;
  const scheduler = new Scheduler({ clock: () => now, agingMs: Infinity });
  const sender = new PrioritySender(
    scheduler,
    agingMs,
    prioritised,
    (e) => {
      throw e;
    },
    window,
  );
  return { scheduler, sender, setNow: (t: number) => (now = t) };
}

/** Runs every posted turn, with the clock advancing by 1 before each (as turns take time). */
function runTicking(scheduler: Scheduler, setNow: (t: number) => void): void {
  let t = 0;
  const original = scheduler.schedule.bind(scheduler);
  scheduler.schedule = (cb, o) => original(() => (setNow((t += 1)), cb()), o);
  scheduler.runUntilIdle();
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

  it('orders non-incremental streams of one urgency by the arrival of their oldest bytes, not by wake order', () => {
    const { scheduler, sender } = setup();
    const log: string[] = [];
    sender.wireFull();
    sender.wake(new FakeQueue('late', 2, false, 2, 9, log));
    sender.wake(new FakeQueue('early', 2, false, 2, 3, log));
    sender.wake(new FakeQueue('middle', 2, false, 1, 5, log));
    sender.drained();
    scheduler.runUntilIdle();
    expect(log).toEqual(['early', 'early', 'middle', 'late', 'late']);
  });

  it('round-robins incremental streams of one urgency', () => {
    const { scheduler, sender, setNow } = setup();
    const log: string[] = [];
    const queues = ['x', 'y', 'z'].map((n) => new FakeQueue(n, 4, true, 3, 0, log));
    sender.wireFull();
    for (const q of queues) sender.wake(q);
    scheduler.runUntilIdle();
    sender.drained();
    runTicking(scheduler, setNow);
    expect(log).toEqual(['x', 'y', 'z', 'x', 'y', 'z', 'x', 'y', 'z']);
  });

  it('sends a lone frame on an idle wire at once, without a host turn', () => {
    const { sender } = setup();
    const log: string[] = [];
    sender.wake(new FakeQueue('only', 5, false, 1, 0, log));
    expect(log).toEqual(['only']);
  });

  it('sends a fresh urgent frame at once, ahead of frames already posted, but nothing ahead of an earlier deadline', () => {
    const { scheduler, sender, setNow } = setup();
    const log: string[] = [];
    const bulk = new FakeQueue('bulk', 7, false, 3, 0, log);
    sender.wireFull();
    sender.wake(bulk);
    sender.drained(); // bulk is posted, its turn not yet run
    setNow(1);
    sender.wake(new FakeQueue('urgent', 0, false, 1, 1, log));
    expect(log).toEqual(['urgent']); // its deadline (1) precedes bulk's (700): no turn needed
    sender.wake(new FakeQueue('normal', 3, false, 1, 1, log)); // deadline 301, still before bulk's 700
    expect(log).toEqual(['urgent', 'normal']);
    scheduler.runUntilIdle();
    expect(log).toEqual(['urgent', 'normal', 'bulk', 'bulk', 'bulk']);

    // With priorities off, a fresh frame's deadline is its arrival: behind everything posted.
    const off = setup(false);
    const offLog: string[] = [];
    off.sender.wireFull();
    off.sender.wake(new FakeQueue('bulk', 7, false, 2, 0, offLog));
    off.sender.drained();
    off.setNow(1);
    off.sender.wake(new FakeQueue('urgent', 0, false, 1, 1, offLog));
    expect(offLog).toEqual([]);
    off.scheduler.runUntilIdle();
    expect(offLog).toEqual(['bulk', 'bulk', 'urgent']);
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

  it('lets nothing starve: a low frame goes within urgency x agingMs while urgent frames keep coming', () => {
    const { scheduler, sender, setNow } = setup(true, 10);
    const log: string[] = [];
    sender.wireFull();
    const low = new FakeQueue('low', 7, false, 1, 0, log); // deadline 70
    sender.wake(low);
    // An incremental urgent stream with 500 frames: each turn one frame, the clock 1 later.
    const urgent = new FakeQueue('urgent', 0, true, 500, 0, log);
    sender.wake(urgent);
    sender.drained();
    runTicking(scheduler, setNow);
    const at = log.indexOf('low');
    expect(log.length).toBe(501);
    expect(at).toBeGreaterThan(60); // strict priority while the wait was short
    expect(at).toBeLessThanOrEqual(72); // then aging: at time 70 its deadline is the earliest
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
});

// The in-flight window: a queue of `bytes` payload bytes sent in frames of at
// most `frameBytes` (fewer if the sender's maxPayload says so); each frame is
// reported to the sender as sent (header included) and logged as name:payload.
class ByteQueue implements SendQueue {
  scheduled = false;
  deadline = 0;
  readonly incremental = false;
  constructor(
    readonly name: string,
    readonly urgency: number,
    private bytes: number,
    readonly headTime: number,
    private readonly frameBytes: number,
    private readonly sender: PrioritySender,
    private readonly log: string[],
  ) {}
  sendable(): boolean {
    return this.bytes > 0;
  }
  sendFrame(maxPayload: number): boolean {
    const size = Math.min(this.bytes, this.frameBytes, maxPayload);
    this.bytes -= size;
    this.sender.sent(HEADER_BYTES + size);
    this.log.push(`${this.name}:${size}`);
    return true;
  }
}

describe('the in-flight window (bytes sent and not yet acknowledged)', () => {
  const WINDOW = 5000;
  const frame = (size: number) => HEADER_BYTES + size;

  it('cuts and holds less urgent frames while a more urgent stream is open; the most urgent go on', () => {
    const { scheduler, sender } = setup(true, 100, WINDOW);
    const log: string[] = [];
    sender.track(0, 1); // an urgent stream is open (idle)
    sender.track(7, 1);
    const bulk = new ByteQueue('bulk', 7, 20_000, 0, 3000, sender, log);
    sender.wake(bulk);
    scheduler.runUntilIdle();
    // 3010 in flight, then a frame cut to the 1980 bytes left: the window is full.
    expect(log).toEqual(['bulk:3000', 'bulk:1980']);
    sender.wake(new ByteQueue('urgent', 0, 6000, 1, 3000, sender, log));
    scheduler.runUntilIdle();
    expect(log.slice(2)).toEqual(['urgent:3000', 'urgent:3000']); // over the window, urgent still goes
    sender.acknowledged(frame(3000) + frame(1980) + 2 * frame(3000) - 1500); // 1500 still unacknowledged
    scheduler.runUntilIdle();
    // 1500 + 3010 in flight leaves 480 bytes: less than MIN_WINDOW_PAYLOAD, so bulk waits.
    expect(log.slice(4)).toEqual(['bulk:3000']);
    sender.acknowledged(frame(3000) + 1500);
    scheduler.runUntilIdle();
    expect(log.slice(5)).toEqual(['bulk:3000', 'bulk:1980']);
  });

  it('waits rather than send a frame smaller than MIN_WINDOW_PAYLOAD', () => {
    const { scheduler, sender } = setup(true, 100, WINDOW);
    const log: string[] = [];
    sender.track(1, 1);
    const first = WINDOW - 2 * HEADER_BYTES - MIN_WINDOW_PAYLOAD + 1;
    sender.wake(new ByteQueue('bulk', 5, 20_000, 0, first, sender, log));
    scheduler.runUntilIdle();
    expect(log).toEqual([`bulk:${first}`]); // room for MIN_WINDOW_PAYLOAD - 1 bytes: not worth a frame
    sender.acknowledged(1);
    scheduler.runUntilIdle();
    expect(log).toEqual([`bulk:${first}`, `bulk:${MIN_WINDOW_PAYLOAD}`]);
  });

  it('does not apply while no more urgent stream is open (a lone bulk transfer is not throttled)', () => {
    const { scheduler, sender } = setup(true, 100, WINDOW);
    const log: string[] = [];
    sender.track(3, 1);
    sender.track(3, 1); // another stream of the same urgency: not more urgent
    sender.track(7, 1); // a less urgent one
    sender.wake(new ByteQueue('bulk', 3, 12_000, 0, 3000, sender, log));
    scheduler.runUntilIdle();
    expect(log).toEqual(['bulk:3000', 'bulk:3000', 'bulk:3000', 'bulk:3000']);
  });

  it('lets held frames go when the more urgent stream stops sending', () => {
    const { scheduler, sender } = setup(true, 100, WINDOW);
    const log: string[] = [];
    sender.track(2, 1);
    sender.wake(new ByteQueue('bulk', 6, 12_000, 0, 3000, sender, log));
    scheduler.runUntilIdle();
    expect(log).toEqual(['bulk:3000', 'bulk:1980']);
    sender.track(2, -1); // its sending half ended: no acknowledgement needed
    scheduler.runUntilIdle();
    expect(log).toEqual(['bulk:3000', 'bulk:1980', 'bulk:3000', 'bulk:3000', 'bulk:1020']);
  });

  it('with priorities off, holds every frame at the window, urgent ones too, in arrival order', () => {
    const { scheduler, sender, setNow } = setup(false, 100, WINDOW);
    const log: string[] = [];
    sender.wake(new ByteQueue('bulk', 7, 7980, 0, 3000, sender, log));
    setNow(1);
    sender.wake(new ByteQueue('urgent', 0, 100, 1, 3000, sender, log));
    scheduler.runUntilIdle();
    expect(log).toEqual(['bulk:3000', 'bulk:1980']);
    sender.acknowledged(frame(3000) + frame(1980));
    scheduler.runUntilIdle();
    expect(log).toEqual(['bulk:3000', 'bulk:1980', 'bulk:3000', 'urgent:100']);
  });
});
