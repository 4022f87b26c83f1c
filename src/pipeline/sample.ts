// Reading one sample into the pipeline's field values, with the errors the
// issue asks for: a wrong shape or a missing field is a RangeError naming the
// expected and the given shape and the step; a non-numeric value a TypeError.
import type { Sample } from './types';

const WHERE = 'Midstream.push';

/** How samples look: a plain number, a vector of `fields.length` numbers, or objects with named fields. */
export type SampleShape = 'number' | 'vector' | 'record';

export class SampleReader {
  /** The current sample's value of each field, overwritten by every read. */
  readonly values: Float64Array;
  /** The current sample's time (NaN without a timeField). */
  time = NaN;

  constructor(
    readonly shape: SampleShape,
    readonly fields: readonly string[],
    private readonly timeField: string | undefined,
  ) {
    this.values = new Float64Array(fields.length);
  }

  /** What a sample must look like, in words. */
  expected(): string {
    if (this.shape === 'number') return 'a number';
    if (this.shape === 'vector') return `an array of ${this.fields.length} numbers`;
    const keys = [...this.fields, ...(this.timeField === undefined ? [] : [this.timeField])];
    const array = this.timeField === undefined ? ` (or an array of ${this.fields.length} numbers in that order)` : '';
    return `an object with ${keys.map((f) => `'${f}'`).join(', ')}${array}`;
  }

  /** Checks `sample` and copies it into `values`; throws (leaving nothing changed that matters) when it is bad. */
  read(sample: Sample, step: number): void {
    if (this.shape === 'number') {
      if (typeof sample !== 'number') throw wrongKind(sample, 'a number', step);
      this.values[0] = checkValue(sample, 'sample', step);
      return;
    }
    if (Array.isArray(sample) || (ArrayBuffer.isView(sample) && !(sample instanceof DataView))) {
      const items = sample as ArrayLike<unknown>;
      if (items.length !== this.fields.length || this.timeField !== undefined) {
        throw new RangeError(`${WHERE}: the sample at step ${step} has ${items.length} value${items.length === 1 ? '' : 's'}; expected ${this.expected()}`);
      }
      for (let i = 0; i < items.length; i++) this.values[i] = checkValue(items[i], `sample[${i}]`, step);
      return;
    }
    if (this.shape === 'vector' || sample === null || typeof sample !== 'object') throw wrongKind(sample, this.expected(), step);
    const record = sample as Record<string, unknown>;
    for (let i = 0; i < this.fields.length; i++) {
      const name = this.fields[i];
      const value = record[name];
      if (value === undefined) {
        const given = Object.keys(record).map((k) => `'${k}'`).join(', ') || 'no fields';
        throw new RangeError(`${WHERE}: the sample at step ${step} has no field '${name}' (given ${given}); expected ${this.expected()}`);
      }
      this.values[i] = checkValue(value, `sample.${name}`, step);
    }
    if (this.timeField !== undefined) {
      const t = record[this.timeField];
      if (t === undefined) throw new RangeError(`${WHERE}: the sample at step ${step} has no time field '${this.timeField}'; expected ${this.expected()}`);
      this.time = checkValue(t, `sample.${this.timeField}`, step);
    }
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return typeof value;
}

function wrongKind(sample: unknown, expected: string, step: number): TypeError | RangeError {
  // Numbers where a vector is expected (or a vector where a number is) are the right kind of data in the wrong shape.
  const message = `${WHERE}: the sample at step ${step} is ${describe(sample)}; expected ${expected}`;
  return Array.isArray(sample) || typeof sample === 'number' ? new RangeError(message) : new TypeError(message);
}

function checkValue(value: unknown, name: string, step: number): number {
  if (typeof value !== 'number') throw new TypeError(`${WHERE}: ${name} at step ${step} must be a number, got ${describe(value)}`);
  if (value - value !== 0) throw new RangeError(`${WHERE}: ${name} at step ${step} is ${value}; it must be a finite number`);
  return value;
}
