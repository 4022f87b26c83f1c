// The attractor step of `demo` and `analyze`: classifyAttractor (src/attractor)
// on a whole series, and how its result is printed.
import { classifyAttractor, type AttractorClassification } from '../index';
import { formatMs, out } from './output';
import { Progress, type ProgressMode } from './progress';

export interface AttractorReport {
  milliseconds: number;
  /** classifyAttractor's result, as returned. */
  classification: AttractorClassification;
}

/** Published values for a known system, printed next to the estimates. */
export interface Published {
  lyapunov: string;
  dimension: string;
}

export const LORENZ_PUBLISHED: Published = {
  lyapunov: '0.906 (Sprott, Chaos and Time-Series Analysis, 2003)',
  dimension: '2.05 +/- 0.01 (Grassberger & Procaccia, 1983)',
};

export function runAttractor(series: Float64Array, dt: number, mode: ProgressMode, label: string): AttractorReport {
  const progress = new Progress(mode);
  progress.start(`classifying ${label}`, 1);
  const started = performance.now();
  try {
    const classification = classifyAttractor(series, { dt });
    return { milliseconds: performance.now() - started, classification };
  } finally {
    progress.done();
  }
}

export function printAttractor(report: AttractorReport, indent: string, published?: Published): void {
  const c = report.classification;
  const value = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : 'none');
  out(`${indent}class     ${c.type}, confidence ${Math.round(c.confidence * 100)}% (classifyAttractor, ${formatMs(report.milliseconds)})`);
  out(`${indent}lyapunov  largest exponent ${value(c.lyapunovExponent)} per unit time${published ? `; published: ${published.lyapunov}` : ''}`);
  const d2 = Number.isFinite(c.correlationDimension) ? c.correlationDimension.toFixed(3) : 'none found (no scaling range)';
  out(`${indent}D2        correlation dimension ${d2}${published ? `; published: ${published.dimension}` : ''}`);
  out(`${indent}embedding dimension ${c.dimension}, delay ${c.delay} samples, Theiler window ${c.theiler}, mean period ${c.meanPeriod.toFixed(1)} samples`);
  out(`${indent}because`);
  for (const reason of c.reasons) out(`${indent}  - ${reason}`);
}
