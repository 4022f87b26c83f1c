// Queue structures keyed by (level, deadline, order).
//
// Each level keeps tasks without a deadline in a ring buffer (FIFO, O(1) at both
// ends: the common case) and tasks with a deadline in a binary heap (earliest
// deadline first, then FIFO). Within a level every deadline task comes before every
// task without one, so popping the heap first and then the ring gives exactly the
// order (level, deadline, order). Cancelled and promoted tasks are not searched for;
// they stay where they are and are skipped when they reach the front (lazy
// deletion), which keeps cancel O(1). So that a stream of cancelled far-deadline
// tasks cannot pile up, the scheduler compacts (O(n), amortised O(1) per cancel)
// once stale entries outnumber live ones by a margin.

import { READY, type Task } from './task';

/**
 * FIFO of tasks in a power-of-two ring buffer, with each task's runnable time in a
 * parallel Float64Array (so the time costs no boxed number per task).
 */
export class TaskRing {
  private tasks: (Task | undefined)[] = new Array(16).fill(undefined);
  private times = new Float64Array(16);
  private mask = 15;
  private head = 0;
  size = 0;

  push(task: Task, runnableAt: number): void {
    if (this.size > this.mask) this.grow();
    const slot = (this.head + this.size) & this.mask;
    this.tasks[slot] = task;
    this.times[slot] = runnableAt;
    this.size++;
  }

  /** The oldest task; only call when size > 0. */
  peek(): Task {
    return this.tasks[this.head] as Task;
  }

  /** The oldest task's runnable time; only call when size > 0. */
  peekTime(): number {
    return this.times[this.head];
  }

  /** Removes the oldest task (read it with peek first); only call when size > 0. */
  drop(): void {
    this.tasks[this.head] = undefined;
    this.head = (this.head + 1) & this.mask;
    this.size--;
  }

  clear(): void {
    if (this.size === 0) return;
    this.tasks.fill(undefined);
    this.head = 0;
    this.size = 0;
  }

  /** Keeps only the tasks `keep` accepts, in order. */
  retain(keep: (task: Task) => boolean): void {
    let kept = 0;
    for (let i = 0; i < this.size; i++) {
      const slot = (this.head + i) & this.mask;
      const task = this.tasks[slot] as Task;
      this.tasks[slot] = undefined;
      if (!keep(task)) continue;
      const target = (this.head + kept) & this.mask;
      this.tasks[target] = task;
      this.times[target] = this.times[slot];
      kept++;
    }
    this.size = kept;
  }

  private grow(): void {
    const capacity = (this.mask + 1) * 2;
    const tasks: (Task | undefined)[] = new Array(capacity).fill(undefined);
    const times = new Float64Array(capacity);
    for (let i = 0; i < this.size; i++) {
      const slot = (this.head + i) & this.mask;
      tasks[i] = this.tasks[slot];
      times[i] = this.times[slot];
    }
    this.tasks = tasks;
    this.times = times;
    this.mask = capacity - 1;
    this.head = 0;
  }
}

/** Binary min-heap of tasks in the order given by `precedes`. */
export class TaskHeap {
  private readonly items: Task[] = [];

  constructor(private readonly precedes: (a: Task, b: Task) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  /** The first task; only call when size > 0. */
  peek(): Task {
    return this.items[0];
  }

  push(task: Task): void {
    const items = this.items;
    let index = items.length;
    items.push(task);
    while (index > 0) {
      const parentIndex = (index - 1) >>> 1;
      const parent = items[parentIndex];
      if (!this.precedes(task, parent)) break;
      items[index] = parent;
      index = parentIndex;
    }
    items[index] = task;
  }

  /** Removes and returns the first task; only call when size > 0. */
  pop(): Task {
    const items = this.items;
    const first = items[0];
    const last = items.pop() as Task;
    const length = items.length;
    if (length === 0) return first;
    let index = 0;
    const half = length >>> 1;
    while (index < half) {
      let childIndex = 2 * index + 1;
      let child = items[childIndex];
      const rightIndex = childIndex + 1;
      if (rightIndex < length && this.precedes(items[rightIndex], child)) {
        childIndex = rightIndex;
        child = items[rightIndex];
      }
      if (!this.precedes(child, last)) break;
      items[index] = child;
      index = childIndex;
    }
    items[index] = last;
    return first;
  }

  clear(): void {
    this.items.length = 0;
  }

  /** Keeps only the tasks `keep` accepts and restores the heap order (Floyd, O(n)). */
  retain(keep: (task: Task) => boolean): void {
    const items = this.items;
    let kept = 0;
    for (let i = 0; i < items.length; i++) if (keep(items[i])) items[kept++] = items[i];
    items.length = kept;
    for (let index = (kept >>> 1) - 1; index >= 0; index--) this.siftDown(index);
  }

  private siftDown(start: number): void {
    const items = this.items;
    const length = items.length;
    const task = items[start];
    let index = start;
    for (;;) {
      let childIndex = 2 * index + 1;
      if (childIndex >= length) break;
      if (childIndex + 1 < length && this.precedes(items[childIndex + 1], items[childIndex])) childIndex++;
      if (!this.precedes(items[childIndex], task)) break;
      items[index] = items[childIndex];
      index = childIndex;
    }
    items[index] = task;
  }
}

/** Order of runnable tasks with deadlines: earliest deadline, then FIFO. */
export function byDeadline(a: Task, b: Task): boolean {
  const da = a.deadline as number;
  const db = b.deadline as number;
  return da < db || (da === db && a.order < b.order);
}

/** Order of delayed tasks: earliest due time (kept in runnableAt), then posting order. */
export function byDueTime(a: Task, b: Task): boolean {
  const da = a.runnableAt as number;
  const db = b.runnableAt as number;
  return da < db || (da === db && a.order < b.order);
}

/** Order of tasks that changed level: the order in which they became runnable. */
export function byOrder(a: Task, b: Task): boolean {
  return a.order < b.order;
}

/** The runnable tasks of one level. */
class Level {
  /** yield() continuations: they run before the level's tasks. */
  readonly continuations = new TaskRing();
  /** Tasks without a deadline, in the order they became runnable. */
  readonly fifo = new TaskRing();
  /** Tasks without a deadline moved here by a TaskSignal's setPriority, in their original order. */
  readonly moved = new TaskHeap(byOrder);
  /** Tasks with a deadline, earliest first. */
  readonly deadlines = new TaskHeap(byDeadline);
  /** Tasks with a deadline again, in arrival order, only so aging can find the oldest. */
  readonly deadlineArrivals = new TaskRing();
}

/** The runnable tasks of all levels. Does not count them: the scheduler does. */
export class ReadyQueue {
  private readonly levels: Level[] = [];
  /** The runnable time of the task the last pop() returned. */
  poppedRunnableAt = 0;

  constructor(
    levelCount: number,
    /** Aging threshold per level, or Infinity for no aging (then no arrival rings are kept). */
    private readonly agingMs: number,
  ) {
    for (let i = 0; i < levelCount; i++) this.levels.push(new Level());
  }

  push(task: Task, runnableAt: number): void {
    const level = this.levels[task.level];
    const extras = task.extras;
    if (extras !== null) {
      task.runnableAt = runnableAt; // kept for a later move()
      if (extras.continuation) {
        level.continuations.push(task, runnableAt);
        return;
      }
    }
    if (task.deadline === null) {
      level.fifo.push(task, runnableAt);
    } else {
      task.runnableAt = runnableAt;
      level.deadlines.push(task);
      if (task.level > 0 && this.agingMs !== Infinity) level.deadlineArrivals.push(task, runnableAt);
    }
  }

  /**
   * Re-files a runnable task whose level its TaskSignal changed (task.level is already the
   * new one). Its old entry turns stale. It keeps its order: among the tasks without a
   * deadline of its new level it runs where its posting order puts it, as in the browser.
   */
  move(task: Task): void {
    const level = this.levels[task.level];
    const runnableAt = task.runnableAt as number;
    if ((task.extras as { continuation: boolean }).continuation) level.continuations.push(task, runnableAt);
    else if (task.deadline === null) level.moved.push(task);
    else this.push(task, runnableAt);
  }

  /** Removes and returns the next task to run (its runnable time in poppedRunnableAt), or null. */
  pop(): Task | null {
    const levels = this.levels;
    for (let index = 0; index < levels.length; index++) {
      const level = levels[index];
      if (level.continuations.size > 0) {
        const continuation = this.popLive(level.continuations, index);
        if (continuation !== null) return continuation;
      }
      const heap = level.deadlines;
      while (heap.size > 0) {
        const task = heap.pop();
        if (task.state === READY && task.level === index) {
          this.poppedRunnableAt = task.runnableAt as number;
          return task;
        }
      }
      const fifo = level.fifo;
      const moved = level.moved;
      if (moved.size > 0) {
        while (moved.size > 0 && !(moved.peek().state === READY && moved.peek().level === index)) moved.pop();
        while (fifo.size > 0 && !(fifo.peek().state === READY && fifo.peek().level === index)) fifo.drop();
        if (moved.size > 0 && (fifo.size === 0 || moved.peek().order < fifo.peek().order)) {
          const task = moved.pop();
          this.poppedRunnableAt = task.runnableAt as number;
          return task;
        }
      }
      if (fifo.size > 0) {
        const task = this.popLive(fifo, index);
        if (task !== null) return task;
      }
    }
    return null;
  }

  /** The ring's first task still runnable at level `index` (stale entries before it go), or null. */
  private popLive(ring: TaskRing, index: number): Task | null {
    while (ring.size > 0) {
      const task = ring.peek();
      const runnableAt = ring.peekTime();
      ring.drop();
      if (task.state === READY && task.level === index) {
        this.poppedRunnableAt = runnableAt;
        return task;
      }
    }
    return null;
  }

  /**
   * Starvation guard: a task that has been runnable for agingMs x k, where k counts
   * the levels it has already climbed plus one, moves up one level, behind the tasks
   * already waiting there. Rings are in arrival order, so only their fronts are read.
   */
  promoteAged(now: number): void {
    const levels = this.levels;
    for (let index = 1; index < levels.length; index++) {
      this.promoteFrom(levels[index].fifo, index, now);
      this.promoteFrom(levels[index].deadlineArrivals, index, now);
    }
  }

  private promoteFrom(ring: TaskRing, index: number, now: number): void {
    while (ring.size > 0) {
      const task = ring.peek();
      if (task.state !== READY || task.level !== index) {
        ring.drop(); // ran, cancelled or already promoted: skip
        continue;
      }
      const runnableAt = ring.peekTime();
      const climbed = task.postedLevel - index;
      if (now - runnableAt < this.agingMs * (climbed + 1)) return;
      ring.drop();
      task.level = index - 1;
      this.push(task, runnableAt); // its old entry is now stale and will be skipped
    }
  }

  /** Entries held, live and stale. */
  get entryCount(): number {
    let count = 0;
    for (const level of this.levels) {
      count += level.continuations.size + level.fifo.size + level.moved.size + level.deadlines.size + level.deadlineArrivals.size;
    }
    return count;
  }

  /** Drops every stale entry (ran, cancelled, or promoted away from that level). */
  compact(): void {
    this.levels.forEach((level, index) => {
      const isLiveHere = (task: Task) => task.state === READY && task.level === index;
      level.continuations.retain(isLiveHere);
      level.fifo.retain(isLiveHere);
      level.moved.retain(isLiveHere);
      level.deadlines.retain(isLiveHere);
      level.deadlineArrivals.retain(isLiveHere);
    });
  }

  /** Forgets stale entries; call only when no task is runnable. */
  clear(): void {
    for (const level of this.levels) {
      level.continuations.clear();
      level.fifo.clear();
      level.moved.clear();
      level.deadlines.clear();
      level.deadlineArrivals.clear();
    }
  }
}
