// Past-time sub-formulas as a small state machine. A pure-past sub-formula
// (Y, O, H, S and their bounded forms over atoms and Boolean operators) has a
// value at each step that depends only on the states so far, so the monitor
// reads it like an atom. Its value comes from the textbook recurrences, which
// need only a compact memory of the previous step:
//   Y f      = f at the previous step (false at step 0)
//   f S[a,b] g: the ages (steps ago) of the g-positions j with f on (j, now],
//            kept only while they can still fall into [a, b]
// O and H are rewritten as `true S g` and `!(true S !g)`. The memory is
// bounded by the formula: the youngest age when a = 0, the oldest (capped at a)
// when b is infinite, else the ages below b.

export type PastSlot =
  | { op: 'atom'; atom: number }
  | { op: 'const'; value: boolean }
  | { op: 'not'; x: number }
  | { op: 'and' | 'or'; x: number; y: number }
  | { op: 'yesterday'; x: number; memory: number }
  | { op: 'since'; x: number; y: number; lo: number; hi: number; memory: number };

type WithoutMemory<T> = T extends unknown ? Omit<T, 'memory'> : never;
/** A slot as the compiler describes it; the program assigns its memory. */
export type PastSlotSpec = WithoutMemory<PastSlot>;

/** Per stateful slot, the ages (steps or time ago) it remembers. */
export type PastMemory = readonly (readonly number[])[];

export interface PastStep {
  /** Id of the past state after this step. */
  next: number;
  /** Bit j is the value of past atom j at this step. */
  bits: number;
}

export class PastProgram {
  readonly slots: PastSlot[] = [];
  /** Slot index of each past atom. */
  readonly outputs: number[] = [];
  private memories = 0;
  private readonly slotIds = new Map<string, number>();
  private readonly states: PastMemory[] = [];
  private readonly stateIds = new Map<string, number>();

  /** Adds a slot (structurally equal slots are shared) and returns its index. */
  slot(spec: PastSlotSpec): number {
    const key = JSON.stringify(spec);
    const known = this.slotIds.get(key);
    if (known !== undefined) return known;
    const index = this.slots.length;
    const stateful = spec.op === 'yesterday' || spec.op === 'since';
    this.slots.push((stateful ? { ...spec, memory: this.memories++ } : spec) as PastSlot);
    this.slotIds.set(key, index);
    return index;
  }

  /** Makes slot `slot` a past atom and returns its index among the past atoms. */
  output(slot: number): number {
    const known = this.outputs.indexOf(slot);
    if (known >= 0) return known;
    this.outputs.push(slot);
    return this.outputs.length - 1;
  }

  /** The state before step 0: no history at all. */
  initial(): number {
    return this.intern(Array.from({ length: this.memories }, () => []));
  }

  /** Reads one state (base atoms as a bitmask) from past state `state`, one step after the last. */
  step(state: number, baseValuation: number): PastStep {
    const { memory, bits } = this.stepMemory(this.states[state], baseValuation, 1);
    return { next: this.intern(memory), bits };
  }

  /** The memory before the first state, not interned (for timestamps, whose ages are real numbers). */
  initialMemory(): PastMemory {
    return Array.from({ length: this.memories }, () => []);
  }

  /**
   * Reads one state `elapsed` after the previous one (1 when bounds count
   * steps, the time between the two states with timestamps).
   */
  stepMemory(memory: PastMemory, baseValuation: number, elapsed: number): { memory: PastMemory; bits: number } {
    const nextMemory: (readonly number[])[] = memory.slice();
    const values: boolean[] = new Array(this.slots.length);
    for (let s = 0; s < this.slots.length; s++) {
      const slot = this.slots[s];
      switch (slot.op) {
        case 'atom':
          values[s] = ((baseValuation >>> slot.atom) & 1) === 1;
          break;
        case 'const':
          values[s] = slot.value;
          break;
        case 'not':
          values[s] = !values[slot.x];
          break;
        case 'and':
          values[s] = values[slot.x] && values[slot.y];
          break;
        case 'or':
          values[s] = values[slot.x] || values[slot.y];
          break;
        case 'yesterday':
          values[s] = memory[slot.memory].length > 0;
          nextMemory[slot.memory] = values[slot.x] ? [0] : [];
          break;
        case 'since': {
          const ages = values[slot.x] ? memory[slot.memory].map((age) => age + elapsed) : [];
          if (values[slot.y]) ages.unshift(0);
          values[s] = ages.some((age) => age >= slot.lo && age <= slot.hi);
          nextMemory[slot.memory] = keptAges(ages, slot.lo, slot.hi);
          break;
        }
      }
    }
    let bits = 0;
    for (let j = 0; j < this.outputs.length; j++) if (values[this.outputs[j]]) bits |= 1 << j;
    return { memory: nextMemory, bits };
  }

  private intern(memory: PastMemory): number {
    const key = memory.map((ages) => ages.join(' ')).join('|');
    const known = this.stateIds.get(key);
    if (known !== undefined) return known;
    this.states.push(memory);
    this.stateIds.set(key, this.states.length - 1);
    return this.states.length - 1;
  }
}

/**
 * The ages (ascending) that can still matter at a later step, where each will
 * be older (or, with timestamps, possibly as old): those up to hi; of these only the youngest when lo = 0 (it
 * stays in the window longest and all die together), only the oldest capped
 * at lo when hi is infinite (it enters the window first and never leaves).
 */
function keptAges(ages: readonly number[], lo: number, hi: number): number[] {
  const alive = ages.filter((age) => age <= hi);
  if (alive.length === 0) return alive;
  if (lo === 0) return hi === Infinity ? [0] : [alive[0]];
  if (hi === Infinity) return [Math.min(alive[alive.length - 1], lo)];
  return alive;
}
