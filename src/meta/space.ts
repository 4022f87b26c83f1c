// The declared parameter space: each parameter is a set of arms (values) that
// level 0's bandits choose among. A continuous parameter starts as a grid on its
// scale and is refined around its best arm as trials come in; a discrete one is
// its list of choices.
import { checkNumber, checkOptions } from '../validate';

export type ParameterValue = number | string | boolean;

export interface ContinuousParameterSpec {
  min: number;
  max: number;
  /** Grid spacing: 'linear' (default) or 'log' (min must be > 0). */
  scale?: 'linear' | 'log';
  /** The setting in force before the first change. Default: the middle of the range on its scale. */
  initial?: number;
  /** Grid points at the start (default 9); refinement adds more, up to 4 times as many. */
  levels?: number;
  /** Add grid points around the best arm as evidence comes in (default true). */
  refine?: boolean;
}

export interface DiscreteParameterSpec {
  choices: readonly ParameterValue[];
  /** Default: the first choice. */
  initial?: ParameterValue;
}

export type ParameterSpec = ContinuousParameterSpec | DiscreteParameterSpec;

/** What parameter() returns: a handle naming the parameter (the pipeline's `learn.tune` takes it). */
export interface Parameter {
  readonly name: string;
  readonly kind: 'continuous' | 'discrete';
  /** The value in force now (the last applied setting). */
  readonly value: ParameterValue;
}

const WHERE = 'StrangeLoop.parameter';

/** One parameter's arms. Arm indices never change meaning; refinement appends arms. */
export class ParameterSpace {
  readonly name: string;
  readonly kind: 'continuous' | 'discrete';
  /** Arm values (for a continuous parameter: in the order they were added, not sorted). */
  values: ParameterValue[] = [];
  /** The arm in force before the first change. */
  initialArm = 0;
  private readonly spec: ParameterSpec;
  private readonly log: boolean;
  private readonly maxArms: number;
  readonly refines: boolean;

  constructor(name: string, spec: ParameterSpec) {
    this.name = name;
    const s = checkOptions(spec, WHERE, 'spec') as Partial<ContinuousParameterSpec & DiscreteParameterSpec>;
    this.spec = spec;
    if (s.choices !== undefined) {
      if (s.min !== undefined || s.max !== undefined) throw new RangeError(`${WHERE}: spec gives choices and a range; give one`);
      if (!Array.isArray(s.choices)) throw new TypeError(`${WHERE}: spec.choices must be an array`);
      if (s.choices.length === 0) throw new RangeError(`${WHERE}: spec.choices must not be empty`);
      for (const [i, c] of s.choices.entries()) {
        if (typeof c !== 'number' && typeof c !== 'string' && typeof c !== 'boolean') {
          throw new TypeError(`${WHERE}: spec.choices[${i}] must be a number, string or boolean`);
        }
        if (typeof c === 'number' && !Number.isFinite(c)) throw new RangeError(`${WHERE}: spec.choices[${i}] must be finite`);
      }
      if (new Set(s.choices).size !== s.choices.length) throw new RangeError(`${WHERE}: spec.choices has a value twice`);
      this.kind = 'discrete';
      this.log = false;
      this.maxArms = s.choices.length;
      this.refines = false;
    } else {
      const min = checkNumber(s.min, 'spec.min', WHERE);
      const max = checkNumber(s.max, 'spec.max', WHERE);
      if (!(max > min)) throw new RangeError(`${WHERE}: spec.max must be > spec.min, got ${min}..${max}`);
      if (s.scale !== undefined && s.scale !== 'linear' && s.scale !== 'log') {
        throw new RangeError(`${WHERE}: spec.scale must be one of 'linear', 'log', got ${String(s.scale)}`);
      }
      this.log = s.scale === 'log';
      if (this.log && min <= 0) throw new RangeError(`${WHERE}: spec.min must be > 0 with scale 'log', got ${min}`);
      if (s.initial !== undefined) checkNumber(s.initial, 'spec.initial', WHERE, { min, max });
      const levels = s.levels === undefined ? 9 : checkNumber(s.levels, 'spec.levels', WHERE, { integer: true, min: 2, max: 1000 });
      if (s.refine !== undefined && typeof s.refine !== 'boolean') throw new TypeError(`${WHERE}: spec.refine must be a boolean`);
      this.kind = 'continuous';
      this.maxArms = 4 * levels + 1;
      this.refines = s.refine ?? true;
    }
    this.restart();
  }

  /** Back to the declared arms (refinement forgotten). */
  restart(): void {
    const s = this.spec as ContinuousParameterSpec & DiscreteParameterSpec;
    if (this.kind === 'discrete') {
      this.values = [...s.choices];
      if (s.initial === undefined) this.initialArm = 0;
      else {
        this.initialArm = this.values.indexOf(s.initial);
        if (this.initialArm < 0) throw new RangeError(`${WHERE}: spec.initial ${String(s.initial)} is not among the choices`);
      }
      return;
    }
    const levels = s.levels ?? 9;
    const [lo, hi] = [this.toUnit(s.min), this.toUnit(s.max)];
    // The ends exactly as declared (exp(log(x)) need not be x).
    this.values = Array.from({ length: levels }, (_, k) => (k === 0 ? s.min : k === levels - 1 ? s.max : this.fromUnit(lo + ((hi - lo) * k) / (levels - 1))));
    const initial = s.initial ?? this.fromUnit((lo + hi) / 2);
    this.initialArm = this.values.indexOf(initial);
    if (this.initialArm < 0) {
      this.values.push(initial);
      this.initialArm = this.values.length - 1;
    }
  }

  get arms(): number {
    return this.values.length;
  }

  /**
   * Adds the midpoints (on the scale) between `best` and its neighbours, if the
   * arm budget allows. Returns how many arms were added.
   */
  refineAround(best: number): number {
    if (this.kind === 'discrete' || !this.refines) return 0;
    const at = this.toUnit(this.values[best] as number);
    let below = -Infinity;
    let above = Infinity;
    for (const v of this.values) {
      const u = this.toUnit(v as number);
      if (u < at && u > below) below = u;
      if (u > at && u < above) above = u;
    }
    let added = 0;
    for (const neighbour of [below, above]) {
      if (!Number.isFinite(neighbour) || this.values.length >= this.maxArms) continue;
      const mid = this.fromUnit((at + neighbour) / 2);
      if (mid !== this.values[best] && !this.values.includes(mid)) {
        this.values.push(mid);
        added++;
      }
    }
    return added;
  }

  private toUnit(v: number): number {
    return this.log ? Math.log(v) : v;
  }

  private fromUnit(u: number): number {
    return this.log ? Math.exp(u) : u;
  }
}
