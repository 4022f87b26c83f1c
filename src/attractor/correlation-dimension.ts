// Correlation dimension by Grassberger & Procaccia (1983).
import { f64View, withScratch, type Scratch } from '../memory';
import { wasm } from '../wasm';
import { InsufficientDataError } from '../errors';
import { checkNumber } from '../validate';
import { readOptions, type AttractorInput } from './input';
import { straightestRegion } from './linear-region';
import { columnsInScratch, describeSpace, EMBEDDING_OPTION_KEYS, resolvePhaseSpace, type EmbeddingOptions, type PhaseSpace } from './phase-space';

export interface CorrelationDimensionOptions extends EmbeddingOptions {
  /**
   * With more points than this, that many reference points (evenly spaced in
   * time) are paired with every point instead of all pairs being counted.
   * Default 2000.
   */
  references?: number;
}

export interface CorrelationDimensionResult {
  /** Correlation dimension D2: slope of ln C(r) against ln r over the scaling range. */
  dimension: number;
  /** Radii, ascending. */
  radii: Float64Array;
  /** C(r): fraction of counted pairs closer than each radius. */
  correlationSums: Float64Array;
  /** Smallest and largest radius of the scaling range. */
  scalingRange: [number, number];
  embeddingDimension: number;
  /** Embedding delay in samples; 0 for points given in phase space. */
  delay: number;
  theiler: number;
  /** Pairs counted (all pairs outside the Theiler window, or those of the reference points). */
  pairs: number;
}

/**
 * The kernel's histogram keys are the exponent and the top SUB_BITS mantissa bits
 * of r^2 (assembly/attractor/correlation.ts); the kernel exports SUB_BITS, so the
 * keys computed here cannot drift from its own.
 */
function subBits(): number {
  return wasm().correlationSubBits.value; // read on use: importing must not compile the module
}
/** Histogram bins per octave of r^2. */
const binsPerOctave = () => 2 ** subBits();
/** A key is the high 32 bits of r^2 shifted right past the unused mantissa bits (20 of them in that word). */
const keyShift = () => 2 ** (20 - subBits());
/** Radii span 2^-RADIUS_OCTAVES of the attractor's diameter up to the diameter. */
const RADIUS_OCTAVES = 14;
/** A radius with fewer pairs below it is too noisy for the fit (relative error ~ 1/sqrt(pairs)). */
const MIN_PAIRS_BELOW = 100;
/** Fewest points (beyond two Theiler windows) the analysis needs at all. */
const MIN_POINTS = 32;
const DEFAULT_REFERENCES = 2000;

/** The histogram key of r^2: its exponent and top two mantissa bits (see the kernel). */
function keyOf(r2: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, r2);
  return Math.floor(view.getUint32(0) / keyShift());
}

function edgeOfKey(key: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setUint32(0, key * keyShift());
  view.setUint32(4, 0);
  return view.getFloat64(0);
}

/** Squared diagonal of the points' bounding box. */
function diameterSquared(space: PhaseSpace): number {
  const { count, dimension } = space;
  let sum = 0;
  for (let c = 0; c < dimension; c++) {
    let low = Infinity;
    let high = -Infinity;
    for (let i = 0; i < count; i++) {
      const x = space.cloud ? space.cloud.values[i * dimension + c] : space.series![i + c * space.delay];
      if (x < low) low = x;
      if (x > high) high = x;
    }
    sum += (high - low) ** 2;
  }
  return sum;
}

/**
 * Correlation dimension of a series (delay-embedded) or of points in phase
 * space: C(r) at radii stepping by about 2^(1/8), and the slope of ln C over ln r
 * in the scaling range. That range is chosen among radii with at least 100
 * pairs below them (less is counting noise) and C < 1: of the stretches spanning
 * at least four doublings of r^2 whose local slopes (one per doubling) all agree
 * with the stretch's fitted slope within 10%, the one over which ln C changes
 * most (see linear-region.ts).
 */
export function correlationDimension(input: AttractorInput, options?: CorrelationDimensionOptions): CorrelationDimensionResult {
  const where = 'correlationDimension';
  const o = readOptions(options, [...EMBEDDING_OPTION_KEYS, 'references'], where);
  const references =
    o.references === undefined
      ? DEFAULT_REFERENCES
      : checkNumber(o.references, 'options.references', where, { integer: true, min: 2 });
  const space = resolvePhaseSpace(input, o as EmbeddingOptions, where);
  return correlationOfSpace(space, references, where);
}

export function correlationOfSpace(space: PhaseSpace, references: number, where: string): CorrelationDimensionResult {
  const needed = MIN_POINTS + 2 * space.theiler;
  if (space.count < needed) {
    const total = space.cloud ? needed : needed + (space.dimension - 1) * space.delay;
    throw new InsufficientDataError(
      `${where}: ${describeSpace(space)}; with Theiler window ${space.theiler}` +
        (space.cloud ? '' : `, dimension ${space.dimension} and delay ${space.delay}`) +
        ` it needs at least ${total}`,
      total,
      space.cloud ? space.count : space.series!.length,
    );
  }
  const { count, dimension } = space;
  return withScratch((s) => {
    const { data, stride } = columnsInScratch(s, space);
    const d2max = diameterSquared(space);
    if (!(d2max > 0)) return constantResult(space);
    const lastKey = keyOf(d2max) + 1;
    const binCount = 2 * RADIUS_OCTAVES * binsPerOctave();
    const firstKey = lastKey - binCount + 1;
    const allPairs = count <= references;
    const refCount = allPairs ? count : references;
    const refs = s.i32(refCount);
    const hist = s.f64(binCount);
    new Int32Array(s.kernels.memory.buffer, refs, refCount).set(referenceIndices(count, refCount));
    new Float64Array(s.kernels.memory.buffer, hist, binCount).fill(0);
    const pairs = s.kernels.correlationHistogram(data, count, dimension, stride, refs, refCount, allPairs, space.theiler, firstKey, binCount, hist);
    const counts = f64View(hist, binCount);
    const radii = new Float64Array(binCount);
    const sums = new Float64Array(binCount);
    let below = 0;
    for (let b = 0; b < binCount; b++) {
      below += counts[b];
      radii[b] = Math.sqrt(edgeOfKey(firstKey + b + 1)) / space.scale; // in the caller's units
      sums[b] = below / pairs;
    }
    return { ...fitScaling(radii, sums, pairs), radii, correlationSums: sums, embeddingDimension: dimension, delay: space.delay, theiler: space.theiler, pairs };
  });
}

/** ln of each value, by the wasm logarithm (the same bits in every engine; see assembly/attractor/logarithm.ts). */
function naturalLogs(values: Float64Array): Float64Array {
  return withScratch((s) => {
    const at = s.f64(values);
    s.kernels.naturalLogs(at, values.length);
    return f64View(at, values.length).slice();
  });
}

/** The reference points: all of them, or refCount evenly spaced in time. */
export function referenceIndices(count: number, refCount: number): Int32Array {
  return Int32Array.from({ length: refCount }, (_, r) => (refCount >= count ? r : Math.floor(((r + 0.5) * count) / refCount)));
}

function fitScaling(radii: Float64Array, sums: Float64Array, pairs: number): { dimension: number; scalingRange: [number, number] } {
  // Usable radii: enough pairs below, and not yet every pair (ln C = 0 is saturation).
  let first = 0;
  while (first < radii.length && sums[first] * pairs < MIN_PAIRS_BELOW) first++;
  let last = first;
  while (last + 1 < radii.length && sums[last + 1] < 1) last++;
  if (last - first < 2) return { dimension: NaN, scalingRange: [NaN, NaN] };
  const x = naturalLogs(radii.subarray(first, last + 1));
  const y = naturalLogs(sums.subarray(first, last + 1));
  const region = straightestRegion(x, y, {
    blocks: Math.max(1, Math.floor((x.length - 1) / binsPerOctave())),
    minBlocks: 4,
    relativeTolerance: 0.1,
    absoluteTolerance: 0,
  });
  if (!region) return { dimension: NaN, scalingRange: [NaN, NaN] };
  return { dimension: region.slope, scalingRange: [radii[first + region.from], radii[first + region.to]] };
}

function constantResult(space: PhaseSpace): CorrelationDimensionResult {
  // Every point is the same: all pairs are at distance 0 and the dimension is 0.
  return {
    dimension: 0, radii: new Float64Array(0), correlationSums: new Float64Array(0), scalingRange: [0, 0],
    embeddingDimension: space.dimension, delay: space.delay, theiler: space.theiler, pairs: 0,
  };
}
