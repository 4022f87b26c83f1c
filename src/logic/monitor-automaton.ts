// The monitor's automaton, built lazily as states arrive. A node is a pair
// (residual formula, past state); its transition on a valuation of the atoms
// is computed once by progression and then read from a table. Each node also
// knows whether some non-empty continuation from it can end in an accepting
// step (canAccept) or in a rejecting one (canReject): two reachability
// questions over the graph of all valuations, answered for a whole strongly
// connected component at a time (Tarjan) and memoised. That is what makes the
// three-valued verdict exact at the earliest step: 'true' when the trace so
// far is accepted and no continuation can reject, 'false' when it is rejected
// and none can accept.
import type { CompiledFormula } from './monitor-compile';
import { FALSE, TRUE } from './monitor-formula';

/** Up to this many atoms every valuation is explored, so verdicts are exact. */
export const EXACT_ATOMS = 12;
/** Tables indexed by valuation up to 2^DENSE_ATOMS entries, a Map beyond. */
const DENSE_ATOMS = 10;
/** Transitions the reachability analysis may build before it falls back to sound-only verdicts. */
const ANALYSIS_BUDGET = 1_000_000;

const ANALYSED = 1;
const CAN_ACCEPT = 2;
const CAN_REJECT = 4;

class BudgetExceeded extends Error {}

export class Automaton {
  readonly residual: number[] = [];
  readonly pastState: number[] = [];
  /** Per node: transition entries (next node * 2 + 1 when the step accepts), -1 when not yet built. */
  private readonly table: (Int32Array | Map<number, number>)[] = [];
  private readonly flags: number[] = [];
  private readonly home: number[] = [];
  /** Transitions followed by the reachability analysis so far. */
  private explored = 0;
  private readonly homeConjuncts: number;
  private readonly ids = new Map<string, number>();
  private readonly valuations: number;
  /** False once the analysis exceeded its budget or the formula has too many atoms. */
  exact: boolean;
  readonly initial: number;

  constructor(readonly formula: CompiledFormula) {
    this.valuations = 2 ** formula.atoms.length;
    this.exact = formula.atoms.length <= EXACT_ATOMS;
    this.homeConjuncts = formula.store.conjuncts(formula.root);
    this.initial = this.node(formula.root, formula.past.initial());
  }

  get size(): number {
    return this.residual.length;
  }

  /** The transition entry of `node` on `valuation`: next node * 2 + (1 when that step accepts). */
  entry(node: number, valuation: number): number {
    const table = this.table[node];
    const known = table instanceof Int32Array ? table[valuation] : table.get(valuation) ?? -1;
    return known >= 0 ? known : this.build(node, valuation);
  }

  canAccept(node: number): boolean {
    return (this.analyse(node) & CAN_ACCEPT) !== 0;
  }

  canReject(node: number): boolean {
    return (this.analyse(node) & CAN_REJECT) !== 0;
  }

  /**
   * Whether the node owes no more than the formula itself: its residual has no
   * more conjuncts than the initial one (no obligation opened by a past step
   * is pending). Counterexample spans start at the last such node.
   */
  isHome(node: number): boolean {
    return this.home[node] === 1;
  }

  private node(residual: number, pastState: number): number {
    // Past memory matters only while the residual still reads a past atom.
    const past = this.formula.store.usesPast(residual) ? pastState : -1;
    const key = `${residual},${past}`;
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const id = this.residual.length;
    this.residual.push(residual);
    this.pastState.push(past);
    this.table.push(this.valuations <= 2 ** DENSE_ATOMS ? new Int32Array(this.valuations).fill(-1) : new Map());
    this.flags.push(0);
    this.home.push(this.formula.store.conjuncts(residual) <= this.homeConjuncts ? 1 : 0);
    this.ids.set(key, id);
    return id;
  }

  /** The valuation of base and past atoms that `node` reads in a state with this base valuation. */
  fullValuation(node: number, valuation: number): number {
    const p = this.pastState[node];
    return p >= 0 ? valuation | (this.formula.past.step(p, valuation).bits << this.formula.atoms.length) : valuation;
  }

  private build(node: number, valuation: number): number {
    const { store, past, atoms } = this.formula;
    const r = this.residual[node];
    const p = this.pastState[node];
    let full = valuation;
    let nextPast = p;
    if (p >= 0) {
      const step = past.step(p, valuation);
      full |= step.bits << atoms.length;
      nextPast = step.next;
    }
    const next = this.node(store.prog(r, full), nextPast);
    const entry = next * 2 + (store.fin(r, full) ? 1 : 0);
    const table = this.table[node];
    if (table instanceof Int32Array) table[valuation] = entry;
    else table.set(valuation, entry);
    return entry;
  }

  /** Sound without exploring: only a constant residual is known to be decided. */
  private syntacticFlags(node: number): number {
    const r = this.residual[node];
    return ANALYSED | (r !== FALSE ? CAN_ACCEPT : 0) | (r !== TRUE ? CAN_REJECT : 0);
  }

  private analyse(node: number): number {
    const known = this.flags[node];
    if (known & ANALYSED) return known;
    if (!this.exact) return (this.flags[node] = this.syntacticFlags(node));
    try {
      this.tarjan(node);
    } catch (error) {
      if (!(error instanceof BudgetExceeded)) throw error;
      this.exact = false;
      for (let n = 0; n < this.size; n++) if (!(this.flags[n] & ANALYSED)) this.flags[n] = this.syntacticFlags(n);
    }
    return this.flags[node];
  }

  /**
   * Iterative Tarjan from `root` over the nodes not yet analysed. A component's
   * flags: some member has an accepting (rejecting) transition, or some edge
   * leaves for a component whose flag is set.
   */
  private tarjan(root: number): void {
    const index = new Map<number, number>();
    const low = new Map<number, number>();
    const reach = new Map<number, number>();
    const stack: number[] = [];
    const onStack = new Set<number>();
    const work: { node: number; valuation: number }[] = [];
    const open = (n: number): void => {
      index.set(n, index.size);
      low.set(n, index.size - 1);
      reach.set(n, 0);
      stack.push(n);
      onStack.add(n);
      work.push({ node: n, valuation: 0 });
    };
    open(root);
    while (work.length) {
      const frame = work[work.length - 1];
      const n = frame.node;
      if (frame.valuation < this.valuations) {
        const entry = this.entry(n, frame.valuation++);
        if (++this.explored > ANALYSIS_BUDGET) throw new BudgetExceeded();
        const next = entry >> 1;
        let bits = reach.get(n)! | (entry & 1 ? CAN_ACCEPT : CAN_REJECT);
        const done = this.flags[next];
        if (done & ANALYSED) bits |= done & (CAN_ACCEPT | CAN_REJECT);
        else if (!index.has(next)) {
          reach.set(n, bits);
          open(next);
          continue;
        } else if (onStack.has(next)) low.set(n, Math.min(low.get(n)!, index.get(next)!));
        reach.set(n, bits);
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(n)!));
        if (!(this.flags[n] & ANALYSED) && low.get(n) !== index.get(n)) {
          // n stays on the stack; its reach joins its component's root via the parent.
          reach.set(parent, reach.get(parent)! | reach.get(n)!);
        }
      }
      if (low.get(n) === index.get(n)) {
        const members: number[] = [];
        let bits = 0;
        let m: number;
        do {
          m = stack.pop()!;
          onStack.delete(m);
          members.push(m);
          bits |= reach.get(m)!;
        } while (m !== n);
        for (const member of members) this.flags[member] = ANALYSED | bits;
        if (work.length) {
          const parent = work[work.length - 1].node;
          reach.set(parent, reach.get(parent)! | bits);
        }
      }
    }
  }
}
