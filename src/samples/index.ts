// Sample data for the CLI (`npm start`) and the demo page, generated in code from
// a seeded PRNG so the package ships no data files and every run sees the same
// numbers. Only +, -, *, / and Math.round are used (no Math.sin, Math.log ...,
// whose last bits differ between JavaScript engines), so Node and every browser
// generate bit-identical samples and report identical results.
import { gaussian, seededRandom } from '../random';

const TWO_PI = 2 * Math.PI;

/**
 * sin(x) from arithmetic alone: reduction to [-π, π], then the Taylor series
 * to x^27 by Horner's rule (error below 1e-14). Deterministic across engines.
 */
export function sine(x: number): number {
  const r = x - Math.round(x / TWO_PI) * TWO_PI;
  const r2 = r * r;
  let term = 1;
  // 1 - r²/(2·3) (1 - r²/(4·5) (1 - ...)), innermost first.
  for (let k = 26; k >= 2; k -= 2) term = 1 - (r2 / (k * (k + 1))) * term;
  return r * term;
}

/** cos(x) = sin(x + π/2), with the same determinism. */
export function cosine(x: number): number {
  return sine(x + Math.PI / 2);
}

export interface MotifSignalOptions {
  /** Points in the series. Default 4000. */
  length?: number;
  /** Points in the motif (the pattern). Default 80. */
  motifLength?: number;
  /** How many times the motif is embedded. Default 6. */
  occurrences?: number;
  /** Standard deviation of the added white noise. Default 0.15. */
  noise?: number;
  /** Each occurrence is stretched or squeezed in time by up to this fraction. Default 0.12. */
  warp?: number;
  /** PRNG seed. Default 42. */
  seed?: number;
}

export interface MotifSignal {
  /** The noisy periodic signal with the motif embedded. */
  series: Float64Array;
  /** The clean motif: what a user would search for. */
  pattern: Float64Array;
  /** Where each occurrence was embedded: start index and its length after time warping. */
  embedded: Array<{ index: number; length: number }>;
  /** The parameters used (defaults filled in). */
  options: Required<MotifSignalOptions>;
}

/** The motif: a Hann-windowed chirp, evaluated at phase u in [0, 1]. */
function motifShape(u: number): number {
  return 2.2 * motifEnvelope(u) * sine(TWO_PI * (1.5 * u + 1.5 * u * u));
}

function motifEnvelope(u: number): number {
  return 0.5 - 0.5 * cosine(TWO_PI * u);
}

/**
 * A noisy periodic signal (two sines, periods 90 and 23 points) into which a
 * chirp-shaped motif is blended at random, non-overlapping places, each
 * occurrence time-warped a little, so DTW rather than a plain distance is the
 * right way to find it.
 */
export function motifSignal(options: MotifSignalOptions = {}): MotifSignal {
  const o: Required<MotifSignalOptions> = {
    length: 4000,
    motifLength: 80,
    occurrences: 6,
    noise: 0.15,
    warp: 0.12,
    seed: 42,
    ...options,
  };
  const random = seededRandom(o.seed);
  const normal = gaussian(random);
  const n = o.length;
  const m = o.motifLength;
  const series = new Float64Array(n);
  const phase = random() * TWO_PI;
  for (let t = 0; t < n; t++) {
    series[t] = sine((TWO_PI * t) / 90 + phase) + 0.35 * sine((TWO_PI * t) / 23);
  }
  const pattern = new Float64Array(m);
  for (let i = 0; i < m; i++) pattern[i] = motifShape(i / (m - 1));

  // Place occurrences in equal slots, at a random offset inside each, so they never overlap.
  const embedded: Array<{ index: number; length: number }> = [];
  const slot = Math.floor(n / o.occurrences);
  const longest = Math.ceil(m * (1 + o.warp));
  if (slot < longest + 2) throw new RangeError('motifSignal: too many occurrences for the length');
  for (let k = 0; k < o.occurrences; k++) {
    const length = Math.round(m * (1 + o.warp * (2 * random() - 1)));
    const index = k * slot + Math.floor(random() * (slot - length));
    embedded.push({ index, length });
    for (let i = 0; i < length; i++) {
      const u = i / (length - 1);
      // A gentle non-linear warp inside the occurrence on top of the overall stretch.
      const w = u + 0.05 * sine(TWO_PI * u); // monotone: slope >= 1 - 0.1 * pi
      const e = motifEnvelope(u);
      series[index + i] = (1 - e) * series[index + i] + motifShape(Math.min(1, Math.max(0, w)));
    }
  }
  for (let t = 0; t < n; t++) series[t] += o.noise * normal();
  return { series, pattern, embedded, options: o };
}

export interface LorenzOptions {
  /** Points returned (after the transient). Default 10,000 (100 time units at dt 0.01). */
  steps?: number;
  /** Time step of the samples. Default 0.01. */
  dt?: number;
  sigma?: number;
  rho?: number;
  beta?: number;
  /** Steps integrated and dropped first, so the trajectory is on the attractor. Default 1000. */
  transient?: number;
  /** Starting point. Default [1, 1, 1]. */
  start?: [number, number, number];
}

export interface LorenzTrajectory {
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
  options: Required<LorenzOptions>;
}

/**
 * A trajectory of the Lorenz system dx/dt = σ(y − x), dy/dt = x(ρ − z) − y,
 * dz/dt = xy − βz (classic chaotic parameters σ = 10, ρ = 28, β = 8/3),
 * integrated with fourth-order Runge-Kutta.
 */
export function lorenz(options: LorenzOptions = {}): LorenzTrajectory {
  const o: Required<LorenzOptions> = {
    steps: 10000,
    dt: 0.01,
    sigma: 10,
    rho: 28,
    beta: 8 / 3,
    transient: 1000,
    start: [1, 1, 1],
    ...options,
  };
  const { sigma, rho, beta, dt } = o;
  const f = (x: number, y: number, z: number): [number, number, number] => [
    sigma * (y - x),
    x * (rho - z) - y,
    x * y - beta * z,
  ];
  let [x, y, z] = o.start;
  const xs = new Float64Array(o.steps);
  const ys = new Float64Array(o.steps);
  const zs = new Float64Array(o.steps);
  for (let step = -o.transient; step < o.steps; step++) {
    const k1 = f(x, y, z);
    const k2 = f(x + (dt / 2) * k1[0], y + (dt / 2) * k1[1], z + (dt / 2) * k1[2]);
    const k3 = f(x + (dt / 2) * k2[0], y + (dt / 2) * k2[1], z + (dt / 2) * k2[2]);
    const k4 = f(x + dt * k3[0], y + dt * k3[1], z + dt * k3[2]);
    x += (dt / 6) * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]);
    y += (dt / 6) * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1]);
    z += (dt / 6) * (k1[2] + 2 * k2[2] + 2 * k3[2] + k4[2]);
    if (step >= 0) {
      xs[step] = x;
      ys[step] = y;
      zs[step] = z;
    }
  }
  return { x: xs, y: ys, z: zs, options: o };
}
