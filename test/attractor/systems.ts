// Test signals generated on the spot: maps iterated directly, flows integrated
// with fixed-step fourth-order Runge-Kutta. Published largest Lyapunov exponents:
// logistic r = 4: ln 2; Henon (1.4, 0.3): 0.419 per step; Lorenz (10, 28, 8/3): 0.906 per time unit.
import { lorenz as lorenzSample } from '../../src/samples/index';
import { seededRandom } from '../support/random';

export type Vector = number[];
type Field = (state: Vector) => Vector;

export function logisticMap(length: number, seed: number, r = 4): Float64Array {
  const random = seededRandom(seed);
  const out = new Float64Array(length);
  let x = 0.1 + 0.8 * random();
  for (let i = 0; i < 100; i++) x = r * x * (1 - x); // transient
  for (let i = 0; i < length; i++) out[i] = x = r * x * (1 - x);
  return out;
}

export function henonMap(length: number, seed: number): Float64Array {
  const random = seededRandom(seed);
  let x = 0.1 * random();
  let y = 0.1 * random();
  const out = new Float64Array(length);
  for (let i = -1000; i < length; i++) {
    [x, y] = [1 - 1.4 * x * x + y, 0.3 * x];
    if (i >= 0) out[i] = x;
  }
  return out;
}

function rk4Step(f: Field, s: Vector, dt: number): Vector {
  const k1 = f(s);
  const k2 = f(s.map((v, i) => v + 0.5 * dt * k1[i]));
  const k3 = f(s.map((v, i) => v + 0.5 * dt * k2[i]));
  const k4 = f(s.map((v, i) => v + dt * k3[i]));
  return s.map((v, i) => v + (dt / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]));
}

/** `length` states sampled every dt after `transient` discarded steps. */
export function integrate(f: Field, start: Vector, dt: number, length: number, transient: number): Vector[] {
  let s = start;
  for (let i = 0; i < transient; i++) s = rk4Step(f, s, dt);
  const out: Vector[] = [];
  for (let i = 0; i < length; i++) {
    out.push(s);
    s = rk4Step(f, s, dt);
  }
  return out;
}

/** Lorenz states at dt = 0.01 after 5,000 transient steps, from a seeded start (src/samples' integrator). */
export function lorenz(length: number, seed: number, dt = 0.01): Vector[] {
  const random = seededRandom(seed);
  const start: [number, number, number] = [random() * 20 - 10, random() * 20 - 10, 10 + random() * 20];
  // The sample integrator stores the state after each step, so 4,999 dropped steps
  // make the first state the one after 5,000 steps, as integrate() gives.
  const { x, y, z } = lorenzSample({ steps: length, dt, transient: 4999, start });
  return Array.from(x, (xi, i) => [xi, y[i], z[i]]);
}

export function rossler(length: number, seed: number, dt = 0.05): Vector[] {
  const random = seededRandom(seed);
  const start = [random() * 2 - 1, random() * 2 - 1, random()];
  return integrate(([x, y, z]) => [-y - z, x + 0.2 * y, 0.2 + z * (x - 5.7)], start, dt, length, 4000);
}

/** Van der Pol oscillator x'' - mu (1 - x^2) x' + x = 0, on its limit cycle. */
export function vanDerPol(length: number, seed: number, mu = 1, dt = 0.05): Float64Array {
  const random = seededRandom(seed);
  const states = integrate(([x, v]) => [v, mu * (1 - x * x) * v - x], [random() + 0.5, 0], dt, length, 2000);
  return Float64Array.from(states, (s) => s[0]);
}

/** Damped linear oscillator x'' + 2 zeta w x' + w^2 x = 0 from a seeded amplitude. */
export function dampedOscillator(length: number, seed: number, zeta = 0.02, dt = 0.05): Float64Array {
  const random = seededRandom(seed);
  const w = 1 + 0.2 * random();
  const states = integrate(([x, v]) => [v, -2 * zeta * w * v - w * w * x], [1 + random(), 0], dt, length, 0);
  return Float64Array.from(states, (s) => s[0]);
}

export function sine(length: number, seed: number, period = 50): Float64Array {
  const phase = seededRandom(seed)() * 2 * Math.PI;
  return Float64Array.from({ length }, (_, i) => Math.sin((2 * Math.PI * i) / period + phase));
}

/** Gaussian white noise (Box-Muller over mulberry32). */
export function whiteNoise(length: number, seed: number): Float64Array {
  const random = seededRandom(seed);
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const u = 1 - random();
    out[i] = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  }
  return out;
}

export function coordinate(states: Vector[], axis: number): Float64Array {
  return Float64Array.from(states, (s) => s[axis]);
}
