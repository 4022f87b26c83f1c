// What the attractor functions accept: a scalar series (delay-embedded for the
// analysis) or points that are already in phase space ({ points: number[][] }).
import { checkNumber, checkOptions, toSeries, type NumericSeries } from '../validate';

/**
 * Most points (or series values) an attractor function takes: the FFT behind the
 * Theiler window and the delay needs 32 bytes per point of the next power of two
 * above twice the length, and more would not fit in 4 GiB of wasm memory.
 */
export const MAX_ATTRACTOR_POINTS = 2 ** 26;

function checkCount(count: number, name: string, where: string): void {
  if (count > MAX_ATTRACTOR_POINTS) {
    throw new RangeError(`${where}: ${name} has ${count} points; at most ${MAX_ATTRACTOR_POINTS} can be analysed`);
  }
}

/** Phase-space data: one row of coordinates per time step, all rows the same length. */
export interface PhasePoints {
  points: ArrayLike<ArrayLike<number>>;
}

export type AttractorInput = NumericSeries | PhasePoints;

/** Points stored row-major: point i is values[i * dimension .. (i + 1) * dimension). */
export interface PointCloud {
  values: Float64Array;
  count: number;
  dimension: number;
}

export function isPhasePoints(input: unknown): input is PhasePoints {
  return typeof input === 'object' && input !== null && !Array.isArray(input) && !ArrayBuffer.isView(input) && 'points' in input;
}

/** Checks phase-space rows (equal lengths, finite numbers) and packs them row-major. */
export function toPointCloud(input: PhasePoints, where: string): PointCloud {
  const rows = input.points;
  if (!Array.isArray(rows) && !(typeof rows === 'object' && rows !== null && typeof rows.length === 'number')) {
    throw new TypeError(`${where}: points must be an array of points (arrays of numbers)`);
  }
  if (rows.length === 0) throw new RangeError(`${where}: points must not be empty`);
  checkCount(rows.length, 'points', where);
  const first = rows[0];
  if (first === null || typeof first !== 'object' || typeof first.length !== 'number') {
    throw new TypeError(`${where}: points[0] must be an array of numbers`);
  }
  const dimension = first.length;
  if (dimension === 0) throw new RangeError(`${where}: points[0] must have at least one coordinate`);
  const values = new Float64Array(rows.length * dimension);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (row === null || typeof row !== 'object' || typeof row.length !== 'number') {
      throw new TypeError(`${where}: points[${i}] must be an array of numbers`);
    }
    if (row.length !== dimension) {
      throw new RangeError(
        `${where}: points[${i}] has dimension ${row.length}, expected ${dimension} (the dimension of points[0])`,
      );
    }
    for (let c = 0; c < dimension; c++) {
      const x = row[c];
      if (typeof x !== 'number') throw new TypeError(`${where}: points[${i}][${c}] must be a number, got ${typeof x}`);
      if (!Number.isFinite(x)) throw new RangeError(`${where}: points[${i}][${c}] is ${x}; every value must be a finite number`);
      values[i * dimension + c] = x;
    }
  }
  return { values, count: rows.length, dimension };
}

export function toScalarSeries(input: unknown, where: string): Float64Array {
  if (Array.isArray(input) || ArrayBuffer.isView(input)) checkCount((input as ArrayLike<unknown>).length, 'series', where);
  return toSeries(input, 'series', where);
}

/**
 * Reads each named option exactly once, before any data are checked: a getter
 * that runs later could change data that were already checked (#17.8).
 */
export function readOptions<K extends string>(options: unknown, keys: readonly K[], where: string): Partial<Record<K, unknown>> {
  const o = checkOptions(options as object | undefined, where) as Record<string, unknown>;
  const read: Partial<Record<K, unknown>> = {};
  for (const key of keys) {
    const value = o[key];
    if (value !== undefined) read[key] = value;
  }
  return read;
}

/** Largest magnitude left as it is: squared distances of such data stay far from overflow and underflow. */
const SAFE_MAGNITUDE = 2 ** 256;

/**
 * The data multiplied by a power of two (exact) that brings their largest
 * magnitude near 1 when it lies outside [2^-256, 2^256], where squared distances
 * would overflow or underflow; the estimators are scale-free (#17.7). `scale` is
 * the factor applied (1 for data already in range: they are used as they are).
 */
export function safelyScaled(values: Float64Array): { values: Float64Array; scale: number } {
  let largest = 0;
  for (let i = 0; i < values.length; i++) largest = Math.max(largest, Math.abs(values[i]));
  if (largest === 0 || (largest <= SAFE_MAGNITUDE && largest >= 1 / SAFE_MAGNITUDE)) return { values, scale: 1 };
  const exponent = -binaryExponent(largest);
  // Two exact steps: 2^exponent alone overflows for the smallest magnitudes (exponent above 1023).
  const first = 2 ** Math.trunc(exponent / 2);
  const second = 2 ** (exponent - Math.trunc(exponent / 2));
  return { values: values.map((x) => x * first * second), scale: 2 ** exponent };
}

/** floor(log2(x)) of a positive normal number, read from its bits (exact, where Math.log2 may round). */
export function binaryExponent(x: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  return ((view.getUint16(0) >> 4) & 0x7ff) - 1023;
}

/** A whole-number option within [min, max], or undefined when absent. */
export function optionalInteger(value: unknown, name: string, where: string, min: number, max = Infinity): number | undefined {
  if (value === undefined) return undefined;
  return checkNumber(value, name, where, { integer: true, min, max: max === Infinity ? undefined : max });
}
