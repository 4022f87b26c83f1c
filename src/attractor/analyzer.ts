// Incremental attractor analysis of a live signal: points arrive one at a
// time, the most recent `maxPoints` are kept, analyze() classifies them.
import { InsufficientDataError } from '../errors';
import { checkNumber, checkOptions } from '../validate';
import { CLASSIFY_OPTION_KEYS, classifyData, type AttractorClassification, type ClassifyOptions } from './classify';
import { MAX_ATTRACTOR_POINTS, readOptions } from './input';

export interface AttractorAnalyzerOptions {
  /** Coordinates per point: 1 for a scalar signal (delay-embedded for analysis). Default: that of the first point added. */
  dimension?: number;
  /** Points kept (the most recent ones). Default 10,000. */
  maxPoints?: number;
  /** Sampling interval, for the exponent per unit of time. Default 1. */
  dt?: number;
}

/** Fewest points analyze() accepts; the analysis may ask for more (long mean period, large embedding). */
export const MIN_ANALYZER_POINTS = 100;
const DEFAULT_MAX_POINTS = 10_000;

export class AttractorAnalyzer {
  private dimensionValue: number | undefined;
  private readonly maxPoints: number;
  private readonly dt: number;
  private buffer: Float64Array | undefined;
  private next = 0; // ring position of the next point
  private stored = 0;

  constructor(options?: AttractorAnalyzerOptions) {
    const where = 'AttractorAnalyzer';
    const o = checkOptions(options, where);
    if (o.dimension !== undefined) this.dimensionValue = checkNumber(o.dimension, 'options.dimension', where, { integer: true, min: 1 });
    this.maxPoints =
      o.maxPoints === undefined
        ? DEFAULT_MAX_POINTS
        : checkNumber(o.maxPoints, 'options.maxPoints', where, { integer: true, min: MIN_ANALYZER_POINTS, max: MAX_ATTRACTOR_POINTS });
    if (this.dimensionValue !== undefined) checkCapacity(this.maxPoints, this.dimensionValue, where);
    this.dt = o.dt === undefined ? 1 : checkNumber(o.dt, 'options.dt', where);
    if (!(this.dt > 0)) throw new RangeError(`${where}: options.dt must be > 0, got ${this.dt}`);
  }

  /** Points currently held (at most maxPoints). */
  get length(): number {
    return this.stored;
  }

  /** Coordinates per point, or undefined until the first point fixes it. */
  get dimension(): number | undefined {
    return this.dimensionValue;
  }

  /** Adds one observation: a number (dimension 1) or an array of `dimension` numbers. */
  addPoint(point: number | ArrayLike<number>): void {
    const where = 'AttractorAnalyzer.addPoint';
    const given = typeof point === 'number' ? 1 : pointLength(point, where);
    if (given === 0) throw new RangeError(`${where}: point must have at least one coordinate`);
    if (this.dimensionValue === undefined) checkCapacity(this.maxPoints, given, where);
    const dimension = this.dimensionValue ?? given;
    if (given !== dimension) {
      throw new RangeError(`${where}: point has dimension ${given}, expected ${dimension}`);
    }
    // Check everything before writing, so a bad point leaves the buffer as it was.
    for (let c = 0; c < dimension; c++) {
      const x = typeof point === 'number' ? point : point[c];
      if (typeof x !== 'number') throw new TypeError(`${where}: point[${c}] must be a number, got ${typeof x}`);
      if (!Number.isFinite(x)) throw new RangeError(`${where}: ${typeof point === 'number' ? 'point' : `point[${c}]`} is ${x}; it must be a finite number`);
    }
    this.dimensionValue = dimension;
    this.buffer ??= new Float64Array(this.maxPoints * dimension);
    const at = this.next * dimension;
    if (typeof point === 'number') this.buffer[at] = point;
    else for (let c = 0; c < dimension; c++) this.buffer[at + c] = point[c];
    this.next = (this.next + 1) % this.maxPoints;
    this.stored = Math.min(this.stored + 1, this.maxPoints);
  }

  /** Forgets every point (the dimension stays). */
  clear(): void {
    this.next = 0;
    this.stored = 0;
  }

  /** Classifies the points held, oldest first (see classifyAttractor). */
  analyze(options?: Omit<ClassifyOptions, 'dt'>): AttractorClassification {
    const where = 'AttractorAnalyzer.analyze';
    if (this.stored < MIN_ANALYZER_POINTS) {
      throw new InsufficientDataError(`${where}: needs at least ${MIN_ANALYZER_POINTS} points, has ${this.stored}`, MIN_ANALYZER_POINTS, this.stored);
    }
    const values = this.inOrder();
    const dimension = this.dimensionValue!;
    const settings = { ...readOptions(options, CLASSIFY_OPTION_KEYS, where), dt: this.dt };
    return dimension === 1
      ? classifyData({ series: values }, settings, where)
      : classifyData({ cloud: { values, count: this.stored, dimension } }, settings, where);
  }

  private inOrder(): Float64Array {
    const dimension = this.dimensionValue!;
    const buffer = this.buffer!;
    if (this.stored < this.maxPoints) return buffer.slice(0, this.stored * dimension);
    const out = new Float64Array(this.stored * dimension);
    const split = this.next * dimension;
    out.set(buffer.subarray(split));
    out.set(buffer.subarray(0, split), buffer.length - split);
    return out;
  }
}

/** The ring buffer holds maxPoints × dimension values: no more than an attractor function takes. */
function checkCapacity(maxPoints: number, dimension: number, where: string): void {
  if (maxPoints * dimension > MAX_ATTRACTOR_POINTS) {
    throw new RangeError(`${where}: options.maxPoints × dimension must be <= ${MAX_ATTRACTOR_POINTS}, got ${maxPoints} × ${dimension}`);
  }
}

function pointLength(point: unknown, where: string): number {
  const isArrayLike = Array.isArray(point) || (ArrayBuffer.isView(point) && !(point instanceof DataView));
  if (!isArrayLike) throw new TypeError(`${where}: point must be a number or an array of numbers, got ${point === null ? 'null' : typeof point}`);
  return (point as ArrayLike<number>).length;
}
