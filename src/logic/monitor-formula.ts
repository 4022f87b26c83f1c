// Hash-consed future-time formulas in negation normal form, and their
// progression through one state (Bacchus & Kabanza's formula progression,
// with the finite-trace end conventions of the formula language).
//
// Every node is an integer id; structurally equal nodes share an id, so a
// monitor's residual formula is a number that can key a transition table.
// `prog(f, v)` is the residual f' such that, for every non-empty continuation
// w, (s . w) satisfies f at its first step iff w satisfies f' (v is the
// valuation of the atoms in s); `fin(f, v)` is the truth of f at a step that is
// the last one of the trace. Simplification (flattening, constants,
// complementary literals, and subsumption of bounded obligations with the same
// operands) keeps the residuals of `G (req -> F[0,b] grant)` to b + 1 nodes.

export enum Kind {
  True,
  False,
  /** a = atom index, b = 1 when negated. */
  Literal,
  And,
  Or,
  /** Strong next: false at the last step. */
  Next,
  /** Weak next: true at the last step. */
  WeakNext,
  /** a U[lo,hi] b: some j in [i+lo, min(i+hi, n-1)] has b, and a holds on [i, j). */
  Until,
  /** a R[lo,hi] b = !(!a U[lo,hi] !b): every j of the window has b, or a on [i, j). */
  Release,
  /**
   * With timestamps: a U b over the steps whose time lies in [lo, hi], absolute
   * times (lo = -Infinity once the window has opened), from the current step on.
   */
  TimedUntil,
  /** With timestamps: the dual of TimedUntil. */
  TimedRelease,
}

/** Beyond this many disjuncts a conjunction is left undistributed (correct, less canonical). */
const MAX_DISJUNCTS = 256;

export const TRUE = 0;
export const FALSE = 1;

export class FormulaStore {
  readonly kind: Kind[] = [];
  readonly left: number[] = [];
  readonly right: number[] = [];
  readonly lo: number[] = [];
  readonly hi: number[] = [];
  readonly children: (readonly number[])[] = [];
  private readonly ids = new Map<string, number>();
  private readonly pastUse: (boolean | undefined)[] = [];

  constructor(private readonly pastAtomFrom: number) {
    this.intern(Kind.True, 0, 0, 0, 0, []);
    this.intern(Kind.False, 0, 0, 0, 0, []);
  }

  get size(): number {
    return this.kind.length;
  }

  literal(atom: number, negated: boolean): number {
    return this.intern(Kind.Literal, atom, negated ? 1 : 0, 0, 0, []);
  }

  next(f: number, strong: boolean): number {
    return this.intern(strong ? Kind.Next : Kind.WeakNext, f, 0, 0, 0, []);
  }

  until(a: number, b: number, lo: number, hi: number): number {
    if (lo > hi || b === FALSE) return FALSE;
    if (lo === 0 && (b === TRUE || a === FALSE)) return b;
    return this.intern(Kind.Until, a, b, lo, hi, []);
  }

  release(a: number, b: number, lo: number, hi: number): number {
    if (lo > hi || b === TRUE) return TRUE;
    if (lo === 0 && (b === FALSE || a === TRUE)) return b;
    return this.intern(Kind.Release, a, b, lo, hi, []);
  }

  timedUntil(a: number, b: number, from: number, to: number): number {
    if (from > to || b === FALSE) return FALSE;
    return this.intern(Kind.TimedUntil, a, b, from, to, []);
  }

  timedRelease(a: number, b: number, from: number, to: number): number {
    if (from > to || b === TRUE) return TRUE;
    return this.intern(Kind.TimedRelease, a, b, from, to, []);
  }

  and(operands: readonly number[]): number {
    return this.junction(Kind.And, operands);
  }

  or(operands: readonly number[]): number {
    return this.junction(Kind.Or, operands);
  }

  /** Whether the value of atom `atom` is set in the valuation bitmask. */
  private static holds(valuation: number, atom: number): boolean {
    return ((valuation >>> atom) & 1) === 1;
  }

  /** The residual of f for the next step after a state with this valuation. */
  prog(f: number, valuation: number): number {
    switch (this.kind[f]) {
      case Kind.True:
      case Kind.False:
        return f;
      case Kind.Literal:
        return FormulaStore.holds(valuation, this.left[f]) !== (this.right[f] === 1) ? TRUE : FALSE;
      case Kind.And:
      case Kind.Or:
        return this.progJunction(f, (c) => this.prog(c, valuation));
      case Kind.Next:
      case Kind.WeakNext:
        return this.left[f];
      case Kind.Until: {
        const [a, b, lo, hi] = [this.left[f], this.right[f], this.lo[f], this.hi[f]];
        if (lo > 0) return this.and([this.prog(a, valuation), this.until(a, b, lo - 1, hi - 1)]);
        const rest = hi >= 1 ? this.and([this.prog(a, valuation), this.until(a, b, 0, hi - 1)]) : FALSE;
        return this.or([this.prog(b, valuation), rest]);
      }
      case Kind.Release: {
        const [a, b, lo, hi] = [this.left[f], this.right[f], this.lo[f], this.hi[f]];
        if (lo > 0) return this.or([this.prog(a, valuation), this.release(a, b, lo - 1, hi - 1)]);
        const rest = hi >= 1 ? this.or([this.prog(a, valuation), this.release(a, b, 0, hi - 1)]) : TRUE;
        return this.and([this.prog(b, valuation), rest]);
      }
      case Kind.TimedUntil:
      case Kind.TimedRelease:
        throw new Error('a timed node needs the time: progAt');
    }
  }

  /** The truth of f at the last step of a trace, in a state with this valuation. */
  fin(f: number, valuation: number): boolean {
    switch (this.kind[f]) {
      case Kind.True:
        return true;
      case Kind.False:
        return false;
      case Kind.Literal:
        return FormulaStore.holds(valuation, this.left[f]) !== (this.right[f] === 1);
      case Kind.And:
        return this.children[f].every((c) => this.fin(c, valuation));
      case Kind.Or:
        return this.children[f].some((c) => this.fin(c, valuation));
      case Kind.Next:
        return false;
      case Kind.WeakNext:
        return true;
      // A window that starts after the last step is empty: the strong until
      // fails and the release holds vacuously.
      case Kind.Until:
        return this.lo[f] === 0 && this.fin(this.right[f], valuation);
      case Kind.Release:
        return this.lo[f] > 0 || this.fin(this.right[f], valuation);
      case Kind.TimedUntil:
      case Kind.TimedRelease:
        throw new Error('a timed node needs the time: finAt');
    }
  }

  // With timestamps (bounds in time units): the same progression, where a
  // bounded operator met at time t becomes a window of absolute times
  // [t + lo, t + hi] that later steps test their own time against.

  /** The residual of f after a state at time `now` with this valuation. */
  progAt(f: number, valuation: number, now: number): number {
    const [a, b, lo, hi] = [this.left[f], this.right[f], this.lo[f], this.hi[f]];
    switch (this.kind[f]) {
      case Kind.And:
      case Kind.Or:
        return this.progJunction(f, (c) => this.progAt(c, valuation, now));
      // A window that opens now is open from the start (-Infinity), so its node is shared by every state.
      case Kind.Until:
        return this.progAt(this.timedUntil(a, b, lo <= 0 ? -Infinity : now + lo, now + hi), valuation, now);
      case Kind.Release:
        return this.progAt(this.timedRelease(a, b, lo <= 0 ? -Infinity : now + lo, now + hi), valuation, now);
      case Kind.TimedUntil: {
        if (now > hi) return FALSE; // no step at or after now lies in the window
        const open = lo <= now;
        const rest = this.and([this.progAt(a, valuation, now), this.timedUntil(a, b, open ? -Infinity : lo, hi)]);
        return this.or([open ? this.progAt(b, valuation, now) : FALSE, rest]);
      }
      case Kind.TimedRelease: {
        if (now > hi) return TRUE;
        const open = lo <= now;
        const rest = this.or([this.progAt(a, valuation, now), this.timedRelease(a, b, open ? -Infinity : lo, hi)]);
        return this.and([open ? this.progAt(b, valuation, now) : TRUE, rest]);
      }
      default:
        return this.prog(f, valuation);
    }
  }

  /** The truth of f at a last step at time `now`. */
  finAt(f: number, valuation: number, now: number): boolean {
    switch (this.kind[f]) {
      case Kind.And:
        return this.children[f].every((c) => this.finAt(c, valuation, now));
      case Kind.Or:
        return this.children[f].some((c) => this.finAt(c, valuation, now));
      case Kind.TimedUntil:
        return this.lo[f] <= now && now <= this.hi[f] && this.finAt(this.right[f], valuation, now);
      case Kind.TimedRelease:
        return !(this.lo[f] <= now && now <= this.hi[f]) || this.finAt(this.right[f], valuation, now);
      default:
        return this.fin(f, valuation);
    }
  }

  /** Copies node f (and what it refers to) into another store, to drop the nodes no residual uses. */
  transfer(f: number, into: FormulaStore, copied = new Map<number, number>()): number {
    const known = copied.get(f);
    if (known !== undefined) return known;
    const sub = (g: number): number => this.transfer(g, into, copied);
    const [a, b, lo, hi] = [this.left[f], this.right[f], this.lo[f], this.hi[f]];
    let id: number;
    switch (this.kind[f]) {
      case Kind.True:
      case Kind.False:
        id = f;
        break;
      case Kind.Literal:
        id = into.literal(a, b === 1);
        break;
      case Kind.And:
      case Kind.Or:
        id = (this.kind[f] === Kind.And ? into.and : into.or).call(into, this.children[f].map(sub));
        break;
      case Kind.Next:
      case Kind.WeakNext:
        id = into.next(sub(a), this.kind[f] === Kind.Next);
        break;
      case Kind.Until:
        id = into.until(sub(a), sub(b), lo, hi);
        break;
      case Kind.Release:
        id = into.release(sub(a), sub(b), lo, hi);
        break;
      case Kind.TimedUntil:
        id = into.timedUntil(sub(a), sub(b), lo, hi);
        break;
      case Kind.TimedRelease:
        id = into.timedRelease(sub(a), sub(b), lo, hi);
        break;
    }
    copied.set(f, id);
    return id;
  }

  /** How many obligations f holds: its conjuncts (1 unless it is a conjunction). */
  conjuncts(f: number): number {
    return this.kind[f] === Kind.And ? this.children[f].length : 1;
  }

  /** A conjunction (disjunction) progressed operand by operand, stopping at the first false (true). */
  private progJunction(f: number, progress: (operand: number) => number): number {
    const isAnd = this.kind[f] === Kind.And;
    const absorbing = isAnd ? FALSE : TRUE;
    const operands: number[] = [];
    for (const c of this.children[f]) {
      const residual = progress(c);
      if (residual === absorbing) return absorbing;
      operands.push(residual);
    }
    return isAnd ? this.and(operands) : this.or(operands);
  }

  /** Whether f mentions an atom computed from the past (index >= pastAtomFrom). */
  usesPast(f: number): boolean {
    const known = this.pastUse[f];
    if (known !== undefined) return known;
    let uses: boolean;
    switch (this.kind[f]) {
      case Kind.True:
      case Kind.False:
        uses = false;
        break;
      case Kind.Literal:
        uses = this.left[f] >= this.pastAtomFrom;
        break;
      case Kind.And:
      case Kind.Or:
        uses = this.children[f].some((c) => this.usesPast(c));
        break;
      case Kind.Next:
      case Kind.WeakNext:
        uses = this.usesPast(this.left[f]);
        break;
      default:
        uses = this.usesPast(this.left[f]) || this.usesPast(this.right[f]);
    }
    this.pastUse[f] = uses;
    return uses;
  }

  private junction(kind: Kind.And | Kind.Or, operands: readonly number[]): number {
    const absorbing = kind === Kind.And ? FALSE : TRUE;
    const neutral = kind === Kind.And ? TRUE : FALSE;
    const flat = new Set<number>();
    const add = (f: number): boolean => {
      if (f === absorbing) return false;
      if (f === neutral) return true;
      if (this.kind[f] === kind) return this.children[f].every(add);
      flat.add(f);
      return true;
    };
    for (const f of operands) if (!add(f)) return absorbing;
    // Complementary literals, and bounded obligations on the same operands
    // from step 0: in a conjunction the tighter until / the longer release
    // implies the other; in a disjunction the reverse.
    const literals = new Set<number>();
    const bounded = new Map<string, number>();
    const kept: number[] = [];
    for (const f of flat) {
      const k = this.kind[f];
      if (k === Kind.Literal) {
        const complement = this.left[f] * 2 + (1 - this.right[f]);
        if (literals.has(complement)) return absorbing;
        literals.add(this.left[f] * 2 + this.right[f]);
      } else if (
        ((k === Kind.Until || k === Kind.Release) && this.lo[f] === 0) ||
        ((k === Kind.TimedUntil || k === Kind.TimedRelease) && this.lo[f] === -Infinity)
      ) {
        const key = `${k},${this.left[f]},${this.right[f]}`;
        const other = bounded.get(key);
        if (other !== undefined) {
          const keepSmaller = (k === Kind.Until || k === Kind.TimedUntil) === (kind === Kind.And);
          const smaller = this.hi[f] < this.hi[other];
          if (keepSmaller === smaller) bounded.set(key, f);
          continue;
        }
        bounded.set(key, f);
        continue;
      }
      kept.push(f);
    }
    for (const f of bounded.values()) kept.push(f);
    if (kept.length === 0) return neutral;
    if (kept.length === 1) return kept[0];
    if (kind === Kind.And) {
      const distributed = this.distribute(kept);
      if (distributed !== undefined) return distributed;
    } else {
      this.absorb(kept);
      if (kept.length === 1) return kept[0];
    }
    kept.sort((x, y) => x - y);
    return this.intern(kind, 0, 0, 0, 0, kept);
  }

  // Residuals are kept in disjunctive normal form over their temporal parts,
  // with absorption: without a normal form, progression nests and/or ever
  // deeper and equal residuals would get different ids (an infinite automaton
  // for a finite language).

  /** A conjunction with a disjunction among its operands, as a disjunction of conjunctions. */
  private distribute(conjuncts: readonly number[]): number | undefined {
    if (!conjuncts.some((f) => this.kind[f] === Kind.Or)) return undefined;
    let products: number[][] = [[]];
    for (const f of conjuncts) {
      const options = this.kind[f] === Kind.Or ? this.children[f] : [f];
      if (products.length * options.length > MAX_DISJUNCTS) return undefined;
      products = products.flatMap((product) => options.map((option) => [...product, option]));
    }
    return this.or(products.map((product) => this.and(product)));
  }

  /** Drops every disjunct whose conjuncts include all of another's (it implies that one). */
  private absorb(disjuncts: number[]): void {
    const sets = disjuncts.map((f) => new Set(this.kind[f] === Kind.And ? this.children[f] : [f]));
    const implied = (small: Set<number>, big: Set<number>): boolean => small.size < big.size && [...small].every((f) => big.has(f));
    const keep = disjuncts.filter((_, j) => !sets.some((other, i) => i !== j && implied(other, sets[j])));
    disjuncts.length = 0;
    disjuncts.push(...keep);
  }

  private intern(kind: Kind, left: number, right: number, lo: number, hi: number, children: readonly number[]): number {
    const key = children.length ? `${kind}:${children.join(',')}` : `${kind}:${left},${right},${lo},${hi}`;
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const id = this.kind.length;
    this.kind.push(kind);
    this.left.push(left);
    this.right.push(right);
    this.lo.push(lo);
    this.hi.push(hi);
    this.children.push(children);
    this.ids.set(key, id);
    return id;
  }
}
