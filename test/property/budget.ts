// The property layer's budget: a fixed seed and a small number of runs in CI,
// more on demand with MIDSTREAM_PROPERTY_RUNS (a multiplier of each property's
// default runs), e.g. MIDSTREAM_PROPERTY_RUNS=50 npx vitest run test/property
import fc from 'fast-check';

const SEED = 20_171_219;

export function configureProperties(): void {
  fc.configureGlobal({ seed: SEED, numRuns: runs(100) });
}

/** A property's default number of runs, times MIDSTREAM_PROPERTY_RUNS (default 1). */
export function runs(defaultRuns: number): number {
  const factor = Number(process.env.MIDSTREAM_PROPERTY_RUNS ?? 1);
  if (!(factor > 0)) throw new RangeError(`MIDSTREAM_PROPERTY_RUNS must be a positive number, got ${process.env.MIDSTREAM_PROPERTY_RUNS}`);
  return Math.max(1, Math.round(defaultRuns * factor));
}

/** Finite doubles of moderate size, rounded to 1/1024 so ties are common (the hard case). */
export const value = fc.integer({ min: -4096, max: 4096 }).map((k) => k / 1024);
export const series = (minLength: number, maxLength: number) => fc.array(value, { minLength, maxLength });
