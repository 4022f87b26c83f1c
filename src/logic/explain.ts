// Why a sub-formula is true or false at a step, read off the arrays evaluate()
// computed: descend through the operator that decides (the first failing step
// of a G, the witness of an F, ...) down to the smallest sub-formula whose
// truth says it, and describe that in one line. Each call scans its operands'
// arrays at most once, and the descent follows one path (two at a connective),
// so explaining costs O(n x size) at worst, like evaluating.
import type { Bounds, Formula } from './ast';
import type { Evaluation } from './evaluate';
import { isFuture, type TemporalBinary, type UnaryNode } from './evaluate';
import { formatBounds, formatFormula } from './format';
import { termValue } from './state';

/** One explained fact, with steps as indices into the trace. */
interface Why {
  /** The step the text speaks about ("at step <at> <text>"). */
  at: number;
  /** The sub-formula the text explains. */
  node: Formula;
  /** The step by which the fact is decided. */
  step: number;
  from: number;
  to: number;
  text: string;
}

/** A counterexample or a witness as verify returns it; steps are numbered from options.firstStep. */
export interface Explanation {
  /** The step at which the verdict is decided (a violation: the earliest step that shows it). */
  step: number;
  /** The sub-formula that fails (or holds), as text. */
  formula: string;
  /** The first and last step the reason looks at. */
  span: [number, number];
  /** One line a person can read, e.g. "at step 17 req holds and grant does not hold in steps 17–67". */
  reason: string;
}

export function explanation(e: Evaluation, root: Formula, step: number): Explanation {
  const value = e.values.get(root)![step] === 1;
  const why = new Explainer(e).explain(root, step, value);
  const offset = e.trace.firstStep;
  return {
    step: why.step + offset,
    formula: formatFormula(why.node),
    span: [why.from + offset, why.to + offset],
    reason: `at step ${why.at + offset} ${why.text}`,
  };
}

/** Operand text inside a sentence: parenthesised unless it is a single atom or comparison. */
function show(f: Formula): string {
  const text = formatFormula(f);
  const simple = (g: Formula) => g.kind === 'atom' || g.kind === 'compare' || g.kind === 'true' || g.kind === 'false';
  return simple(f) || (f.kind === 'not' && simple(f.operand)) ? text : `(${text})`;
}

class Explainer {
  private readonly n: number;
  private readonly offset: number;
  private readonly horizons = new Map<Formula, number>();

  constructor(private readonly e: Evaluation) {
    this.n = e.trace.states.length;
    this.offset = e.trace.firstStep;
  }

  private values(f: Formula): Uint8Array {
    return this.e.values.get(f)!;
  }

  private steps(from: number, to: number): string {
    return from === to ? `step ${from + this.offset}` : `steps ${from + this.offset}–${to + this.offset}`;
  }

  /** " in steps a–b" or " at step a", or nothing when that is step i, which the sentence starts with. */
  private within(from: number, to: number, i: number): string {
    if (from !== to) return ` in ${this.steps(from, to)}`;
    return from === i ? '' : ` at step ${from + this.offset}`;
  }

  /** The first step in [from, to] where f has `value`, or -1. */
  private firstWhere(f: Formula, value: boolean, from: number, to: number): number {
    const v = this.values(f);
    for (let j = Math.max(0, from); j <= to; j++) if ((v[j] === 1) === value) return j;
    return -1;
  }

  /** The last step in [from, to] where f has `value`, or -1. */
  private lastWhere(f: Formula, value: boolean, from: number, to: number): number {
    const v = this.values(f);
    for (let j = Math.min(this.n - 1, to); j >= from; j--) if ((v[j] === 1) === value) return j;
    return -1;
  }

  private fact(node: Formula, at: number, text: string, from = at, to = at, step = to): Why {
    return { at, node, step, from: Math.min(from, at), to: Math.max(to, at), text };
  }

  /**
   * A fact that reads the operands' values up to step `to`: it is decided no
   * earlier than those values are, i.e. when the operands' future horizon past
   * `to` has arrived (at once when they look only at the present and the past).
   */
  private operandFact(node: UnaryNode | TemporalBinary, at: number, text: string, from = at, to = at, step = to): Why {
    const why = this.fact(node, at, text, from, to, step);
    const reach = 'operand' in node ? this.horizon(node.operand) : Math.max(this.horizon(node.left), this.horizon(node.right));
    return reach === 0 ? why : { ...why, step: Math.max(why.step, this.settled(why.to, reach)) };
  }

  /** How far past a step f looks: steps, or time units with timestamps; Infinity for unbounded future operators. */
  private horizon(f: Formula): number {
    const known = this.horizons.get(f);
    if (known !== undefined) return known;
    let reach = 0;
    if ('operand' in f) reach = this.horizon(f.operand);
    else if ('left' in f && f.kind !== 'compare') reach = Math.max(this.horizon(f.left), this.horizon(f.right));
    if (f.kind === 'next' || f.kind === 'weakNext') reach = this.e.trace.times ? Infinity : reach + 1; // a next step is any time later
    else if (isFuture(f.kind)) reach += (f as { bounds?: Bounds }).bounds?.hi ?? Infinity;
    this.horizons.set(f, reach);
    return reach;
  }

  /** The step by which everything within `reach` after step j has arrived (the trace end at the latest). */
  private settled(j: number, reach: number): number {
    const { times } = this.e.trace;
    if (reach === Infinity) return this.n - 1;
    if (!times) return Math.min(this.n - 1, j + Math.floor(reach));
    let k = j;
    while (k < this.n - 1 && times[k] - times[j] <= reach) k++; // the first state past the horizon
    return k;
  }

  /** "p holds" / "p does not hold", with the compared values for a comparison. */
  private holds(f: Formula, i: number, value: boolean): string {
    const verb = value ? 'holds' : 'does not hold';
    if (f.kind !== 'compare') return `${show(f)} ${verb}`;
    const { states, missing, where, firstStep } = this.e.trace;
    const sides = [f.left, f.right].filter((t) => t.kind === 'field');
    const shown = sides.map((t) => {
      const x = termValue(states[i], t, firstStep + i, missing, where);
      return `${formatFormula({ kind: 'atom', name: (t as { name: string }).name })} is ${x === undefined ? 'missing' : x}`;
    });
    return `${show(f)} ${verb}${shown.length ? ` (${shown.join(', ')})` : ''}`;
  }

  private both(node: Formula, i: number, parts: Why[]): Why {
    // The sentence starts at the first part's step; the others name theirs when it differs.
    const at = parts[0].at;
    const text = parts.map((p) => (p.at === at ? p.text : `at step ${p.at + this.offset} ${p.text}`)).join(' and ');
    return {
      at,
      node,
      step: Math.max(...parts.map((p) => p.step)),
      from: Math.min(i, ...parts.map((p) => p.from)),
      to: Math.max(i, ...parts.map((p) => p.to)),
      text,
    };
  }

  /** A past fact seen from step i: decided no earlier than i, and its span reaches i. */
  private atLeast(why: Why, i: number): Why {
    return { ...why, step: Math.max(why.step, i), to: Math.max(why.to, i) };
  }

  /** The earlier-decided of two explanations. */
  private earlier(a: Why, b: Why): Why {
    return b.step < a.step ? b : a;
  }

  private window(f: Formula, i: number): [number, number] {
    const w = this.e.windows.get(f);
    if (w) return [w.first[i], w.last[i]];
    return isFuture(f.kind) ? [i, this.n - 1] : [0, i]; // unbounded
  }

  /** ", where the trace ends" when a future window runs past the last step. */
  private cut(f: Formula & { bounds?: { hi: number } }, i: number, last: number): string {
    if (last !== this.n - 1) return '';
    const hi = f.bounds?.hi ?? Infinity;
    const times = this.e.trace.times;
    const reach = times ? times[this.n - 1] - times[i] : this.n - 1 - i;
    return reach < hi ? ', where the trace ends' : '';
  }

  explain(f: Formula, i: number, value: boolean): Why {
    const n = this.n;
    switch (f.kind) {
      case 'true':
      case 'false':
      case 'atom':
      case 'compare':
        return this.fact(f, i, this.holds(f, i, value));
      case 'not': {
        const inner = this.explain(f.operand, i, !value);
        return inner.node === f.operand && inner.at === i ? { ...inner, node: f } : inner;
      }
      case 'and':
      case 'or': {
        const [left, right] = [this.explain(f.left, i, this.values(f.left)[i] === 1), this.explain(f.right, i, this.values(f.right)[i] === 1)];
        // A conjunction fails (a disjunction holds) by one operand: the one decided first.
        const decisive = f.kind === 'and' ? !value : value;
        if (!decisive) return this.both(f, i, [left, right]);
        const wanted = f.kind === 'or';
        const candidates = [left, right].filter((_, k) => (this.values(k === 0 ? f.left : f.right)[i] === 1) === wanted);
        return candidates.length === 2 ? this.earlier(candidates[0], candidates[1]) : candidates[0];
      }
      case 'implies': {
        const l = this.values(f.left)[i] === 1;
        if (!value) return this.both(f, i, [this.explain(f.left, i, true), this.explain(f.right, i, false)]);
        return l ? this.explain(f.right, i, true) : this.explain(f.left, i, false);
      }
      case 'iff':
        return this.both(f, i, [
          this.explain(f.left, i, this.values(f.left)[i] === 1),
          this.explain(f.right, i, this.values(f.right)[i] === 1),
        ]);
      case 'next':
      case 'weakNext':
        if (i === n - 1) return this.fact(f, i, `the trace ends, so ${formatFormula(f)} ${value ? 'holds' : 'does not hold'}`);
        return this.explain(f.operand, i + 1, value);
      case 'yesterday':
        if (i === 0) return this.fact(f, i, `there is no earlier step, so ${formatFormula(f)} does not hold`);
        return this.atLeast(this.explain(f.operand, i - 1, value), i);
      case 'eventually':
      case 'always':
      case 'once':
      case 'historically':
        return this.unaryWindow(f, i, value);
      case 'until':
      case 'weakUntil':
        return this.until(f, i, value);
      case 'release':
      case 'strongRelease':
        return this.release(f, i, value);
      case 'since':
        return this.since(f, i, value);
    }
  }

  private unaryWindow(f: UnaryNode, i: number, value: boolean): Why {
    const [lo, hi] = this.window(f, i);
    const future = isFuture(f.kind);
    const existential = f.kind === 'eventually' || f.kind === 'once';
    if (lo > hi) return this.emptyWindow(f, i, lo, hi, value);
    // A single step decides: the witness of F/O, the failure of G/H.
    if (existential === value) {
      const j = future ? this.firstWhere(f.operand, value, lo, hi) : this.lastWhere(f.operand, value, lo, hi);
      const inner = this.explain(f.operand, j, value);
      return future ? inner : this.atLeast(inner, i);
    }
    const text = `${show(f.operand)} ${value ? 'holds' : 'does not hold'}${this.within(lo, hi, i)}${future && !value ? this.cut(f, i, hi) : ''}`;
    return this.operandFact(f, i, text, lo, hi, future ? this.closes(i, lo, hi) : i);
  }

  /**
   * The step at which a future window [lo, hi] of step i is known to hold no
   * more steps: its last step when bounds count steps; with timestamps the
   * step after it (the first whose time is past the bound), or the trace end.
   */
  private closes(i: number, lo: number, hi: number): number {
    if (this.e.trace.times) return Math.min(this.n - 1, Math.max(hi + 1, i));
    return lo <= hi ? hi : lo >= this.n ? this.n - 1 : i;
  }

  private emptyWindow(f: UnaryNode | TemporalBinary, i: number, lo: number, hi: number, value: boolean): Why {
    const future = isFuture(f.kind);
    const why =
      future && lo >= this.n
        ? `the trace ends at step ${this.n - 1 + this.offset}`
        : !future && hi < 0
          ? `the trace starts at step ${this.offset}`
          : `no step is ${formatBounds((f as { bounds?: Bounds }).bounds).slice(1, -1).replace(',', ' to ')} ${this.e.trace.times ? 'time units' : 'steps'} ${future ? 'after' : 'before'} it`;
    const step = future ? this.closes(i, lo, hi) : i;
    return this.fact(f, i, `${formatFormula(f)} ${value ? 'holds' : 'does not hold'}: its window is empty (${why})`, i, step, step);
  }

  private until(f: TemporalBinary, i: number, value: boolean): Why {
    const { left: p, right: q } = f;
    const [lo, hi] = this.window(f, i);
    const breaks = this.firstWhere(p, false, i, this.n - 1); // -1: p holds to the end
    if (value) {
      const j = lo <= hi ? this.firstWhere(q, true, lo, breaks < 0 ? hi : Math.min(hi, breaks)) : -1;
      if (j < 0) return this.operandFact(f, i, `${show(p)} holds${this.within(i, this.n - 1, i)}, to the end of the trace`, i, this.n - 1);
      const before = j > i ? ` and ${show(p)} holds${this.within(i, j - 1, i)}` : '';
      return this.operandFact(f, i, `${show(q)} holds${this.within(j, j, i)}${before}`, i, j);
    }
    if (lo > hi) return this.emptyWindow(f, i, lo, hi, false);
    if (breaks >= 0 && breaks < lo) {
      return this.operandFact(f, i, `${show(p)} does not hold${this.within(breaks, breaks, i)}, before the window ${this.steps(lo, hi)}`, i, breaks);
    }
    if (breaks >= 0 && breaks <= hi) {
      return this.operandFact(f, i, `${show(q)} does not hold${this.within(lo, breaks, i)} and ${show(p)} does not hold${this.within(breaks, breaks, i)}`, i, breaks);
    }
    return this.operandFact(f, i, `${show(q)} does not hold${this.within(lo, hi, i)}${this.cut(f, i, hi)}`, lo, hi, this.closes(i, lo, hi));
  }

  private release(f: TemporalBinary, i: number, value: boolean): Why {
    const { left: p, right: q } = f;
    const qFails = this.firstWhere(q, false, i, this.n - 1);
    const pHolds = this.firstWhere(p, true, i, qFails < 0 ? this.n - 1 : qFails - 1);
    if (value) {
      if (pHolds < 0) return this.operandFact(f, i, `${show(q)} holds${this.within(i, this.n - 1, i)}, to the end of the trace`, i, this.n - 1);
      return this.operandFact(f, i, `${show(p)} holds${this.within(pHolds, pHolds, i)} and ${show(q)} holds${this.within(i, pHolds, i)}`, i, pHolds);
    }
    if (qFails < 0) {
      return this.operandFact(f, i, `${show(p)} does not hold${this.within(i, this.n - 1, i)}, where the trace ends`, i, this.n - 1);
    }
    // Told from the step where q fails: "at step 9 q does not hold and p does not hold in steps 3–8".
    const before = qFails > i ? ` and ${show(p)} does not hold${this.within(i, qFails - 1, qFails)}` : '';
    return this.operandFact(f, qFails, `${show(q)} does not hold${before}`, i, qFails);
  }

  private since(f: TemporalBinary, i: number, value: boolean): Why {
    const { left: p, right: q } = f;
    const [lo, hi] = this.window(f, i);
    const broke = this.lastWhere(p, false, 0, i); // -1: p held at every step so far
    if (value) {
      const j = this.lastWhere(q, true, Math.max(lo, broke), hi);
      const after = j < i ? ` and ${show(p)} holds${this.within(j + 1, i, i)}` : '';
      return this.operandFact(f, i, `${show(q)} holds${this.within(j, j, i)}${after}`, j, i, i);
    }
    if (lo > hi) return this.emptyWindow(f, i, lo, hi, false);
    if (broke > hi) {
      return this.operandFact(f, i, `${show(p)} does not hold${this.within(broke, broke, i)}, after the window ${this.steps(lo, hi)}`, lo, i, i);
    }
    if (broke >= lo) {
      return this.operandFact(f, i, `${show(q)} does not hold${this.within(broke, hi, i)} and ${show(p)} does not hold${this.within(broke, broke, i)}`, broke, i, i);
    }
    return this.operandFact(f, i, `${show(q)} does not hold${this.within(lo, hi, i)}`, lo, i, i);
  }
}
