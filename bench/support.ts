// Shared bench plumbing: run tinybench tasks side by side, print a table with the
// mean time per run and each task's speed relative to Midstream's.
import { Bench } from 'tinybench';

export interface BenchCase {
  name: string;
  run: () => unknown;
  /** Multiply the measured time by this (a peer run on a prefix, scaled to the full input). */
  scale?: number;
  /** Calls per sample, for tasks so short that the timer's own cost would show. */
  repeat?: number;
}

export interface CaseResult {
  name: string;
  meanMs: number;
  samples: number;
  scaled: boolean;
}

export async function compare(title: string, cases: BenchCase[], options: { time?: number; iterations?: number } = {}): Promise<CaseResult[]> {
  const bench = new Bench({ time: options.time ?? 500, iterations: options.iterations ?? 5, warmupIterations: 2, warmupTime: 50 });
  for (const c of cases) {
    const repeat = c.repeat ?? 1;
    bench.add(c.name, repeat === 1 ? c.run : () => {
      for (let r = 0; r < repeat; r++) c.run();
    });
  }
  await bench.run();
  const results = bench.tasks.map((task, k): CaseResult => {
    const r = task.result as unknown as { latency?: { mean: number; samplesCount?: number }; totalTime?: number; error?: Error };
    if (!r || r.error || !r.latency) throw new Error(`${cases[k].name}: ${r?.error?.message ?? 'no result'}`);
    return {
      name: cases[k].name,
      meanMs: (r.latency.mean * (cases[k].scale ?? 1)) / (cases[k].repeat ?? 1),
      samples: r.latency.samplesCount ?? 0,
      scaled: cases[k].scale !== undefined && cases[k].scale !== 1,
    };
  });
  printTable(title, results);
  return results;
}

export function printTable(title: string, results: CaseResult[]): void {
  const base = results[0].meanMs;
  console.log(`\n## ${title}`);
  console.log('| task | mean time | runs/s | vs first row |');
  console.log('|---|---:|---:|---:|');
  for (const r of results) {
    const ratio = r.meanMs / base;
    const ratioText = r === results[0] ? '1x' : `${ratio >= 1 ? ratio.toFixed(1) + 'x slower' : (1 / ratio).toFixed(2) + 'x faster'}`;
    console.log(`| ${r.name}${r.scaled ? ' (scaled from a prefix)' : ''} | ${formatMs(r.meanMs)} | ${(1000 / r.meanMs).toFixed(r.meanMs > 100 ? 2 : 0)} | ${ratioText} |`);
  }
}

export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  return `${(ms * 1000).toFixed(1)} µs`;
}

// mulberry32, the same seeded generator the samples use.
export { seededRandom } from '../src/random';

export function randomWalk(random: () => number, length: number): Float64Array {
  const out = new Float64Array(length);
  let x = 0;
  for (let i = 0; i < length; i++) out[i] = x += random() - 0.5;
  return out;
}
