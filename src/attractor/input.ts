// What the attractor functions accept: a scalar series (delay-embedded for the
// analysis) or points that are already in phase space ({ points: number[][] }).
import { checkNumber, toSeries, type NumericSeries } from '../validate';

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
  return toSeries(input, 'series', where);
}

/** A whole-number option within [min, max], or undefined when absent. */
export function optionalInteger(value: unknown, name: string, where: string, min: number, max = Infinity): number | undefined {
  if (value === undefined) return undefined;
  return checkNumber(value, name, where, { integer: true, min, max: max === Infinity ? undefined : max });
}
