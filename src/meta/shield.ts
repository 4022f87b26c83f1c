// The safety shield: one monitor per rule over the loop's own trace (one state
// per tell: the parameters in force, the metrics told and `score`). A proposed
// change is checked on a copy of each monitor, so a veto leaves the trace as it was.
import { monitor, type Monitor, type MonitorReport, type TraceState } from '../logic/index';

/**
 * A monitor's copy that can read on without touching the original. Monitor's
 * state is a handful of plain fields over an automaton both copies may share
 * (it only grows, and caches what either learns), so a shallow copy is a fork.
 * This holds for monitors without options.timestamp (the shield uses none);
 * test/meta/safety.test.ts checks probes against a replay from scratch.
 */
function fork(m: Monitor): Monitor {
  return Object.assign(Object.create(Object.getPrototypeOf(m)) as Monitor, m);
}

export interface RuleBreach {
  rule: string;
  report: MonitorReport | undefined;
}

export class Shield {
  private monitors: Monitor[];

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
      const copy = fork(this.monitors[r]);
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
   * Reads the state into copies of the monitors and returns the commit (the
   * copies replace the monitors) with the first rule broken, if any. A state a
   * rule cannot read throws here, before anything changed.
   */
  read(state: TraceState): { commit: () => void; breach: RuleBreach | undefined } {
    const copies = this.monitors.map(fork);
    let breach: RuleBreach | undefined;
    for (let r = 0; r < copies.length; r++) {
      if (copies[r].push(state) === 'false' && breach === undefined) breach = { rule: this.rules[r], report: copies[r].counterexample };
    }
    return { commit: () => (this.monitors = copies), breach };
  }

  /** Starts the rules on a new trace (after a rollback: a broken safety rule stays 'false' forever on the old one). */
  rearm(): void {
    for (const m of this.monitors) m.reset();
  }
}
