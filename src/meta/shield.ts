// The safety shield: one monitor per rule over the loop's own trace (one state
// per tell: the parameters in force, the metrics told and `score`). A proposed
// change is checked on a fork of each monitor (Monitor.fork), so a veto leaves the trace as it was.
import { monitor, type Monitor, type MonitorReport, type TraceState } from '../logic/index';

export interface RuleBreach {
  rule: string;
  report: MonitorReport | undefined;
}

export class Shield {
  private monitors: Monitor[];
  /** The shape (see shapeOf) of states the rules were seen to read. */
  private readable = '';

  constructor(readonly rules: readonly string[]) {
    this.monitors = rules.map((rule) => monitor(rule));
  }

  /**
   * The first rule whose verdict the state would make 'false', or undefined.
   * A rule that names a field the state lacks (a metric not told yet) cannot
   * judge it and lets it pass. Nothing is changed.
   */
  probe(state: TraceState): RuleBreach | undefined {
    for (let r = 0; r < this.monitors.length; r++) {
      const copy = this.monitors[r].fork();
      let verdict;
      try {
        verdict = copy.push(state);
      } catch {
        continue;
      }
      if (verdict === 'false') return { rule: this.rules[r], report: copy.counterexample };
    }
    return undefined;
  }

  /**
   * Reads the state and returns the first rule broken, if any. A state a rule
   * cannot read throws here, before anything changed: a state of a shape not
   * read before (its fields and their types) goes into copies of the monitors
   * first. Whether the rules can read a state depends only on its shape when
   * its numbers are finite (the caller checks that), so later states of a
   * shape that was read go into the monitors directly.
   */
  read(state: Readonly<Record<string, unknown>>): RuleBreach | undefined {
    const shape = shapeOf(state);
    let monitors = this.monitors;
    if (shape !== this.readable) {
      monitors = monitors.map((m) => m.fork());
      for (const m of monitors) m.push(state);
      this.monitors = monitors;
      this.readable = shape;
    } else for (const m of monitors) m.push(state);
    for (let r = 0; r < monitors.length; r++) {
      if (monitors[r].verdict === 'false') return { rule: this.rules[r], report: monitors[r].counterexample };
    }
    return undefined;
  }

  /** Starts the rules on a new trace (after a rollback: a broken safety rule stays 'false' forever on the old one). */
  rearm(): void {
    for (const m of this.monitors) m.reset();
  }
}

/** A state's field names and value types, e.g. 'latency:number,score:number,threshold:number'. */
function shapeOf(state: Readonly<Record<string, unknown>>): string {
  let shape = '';
  for (const key in state) shape += `${key}:${typeof state[key]},`;
  return shape;
}
