// The UCR Suite's own benchmark task (Rakthanmanon et al., KDD 2012): the best
// match (limit 1, threshold Infinity) of the bundle's 128-point query in a
// z-normalised 10^6-point random walk, squared cost, band R = 0.05 and 0.1.
// Midstream's findSimilar beside UCR_DTW.cpp compiled with g++ -O3 from
// /work/shared/peers/ucr-suite (when g++ is there), on the same data written to
// a temporary file. UCR's clock() covers its fscanf reading, so parse_only.c
// (the same loop alone) is timed too and subtracted. Both sides are CPU time,
// runs alternate, and medians are reported: the machine is shared.
// findSimilarParallel (2 workers) is timed by the wall clock, from an esbuild
// bundle of the library (its workers load the library by URL: no TypeScript).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { findSimilar } from '../src/index';
import { randomWalk, seededRandom } from './support';

const PEER = '/work/shared/peers/ucr-suite';
const M = 128;

export interface UcrRun {
  cpuMs: number;
  location: number;
  distance: number;
  /** Percent of windows pruned by each stage, as UCR prints them. */
  pruned: string;
}

/** Median of the values. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function cpuMs(run: () => void): number {
  const before = process.cpuUsage();
  run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

function hasCompiler(): boolean {
  try {
    execFileSync('g++', ['--version'], { stdio: 'ignore' });
    return existsSync(join(PEER, 'UCR_DTW.cpp'));
  } catch {
    return false;
  }
}

export async function ucrTask(rounds = 5): Promise<void> {
  const series = randomWalk(seededRandom(2012), 1_000_000);
  const queryText = readFileSync(join(PEER, 'Query.txt'), 'utf8');
  const query = queryText.trim().split(/\s+/).slice(0, M).map(Number);
  const bands = [0.05, 0.1];
  const peer = hasCompiler();
  const dir = mkdtempSync(join(tmpdir(), 'midstream-ucr-'));
  try {
    if (peer) {
      execFileSync('g++', ['-O3', '-o', join(dir, 'ucr_dtw'), join(PEER, 'UCR_DTW.cpp')]);
      execFileSync('gcc', ['-O3', '-o', join(dir, 'parse_only'), join(PEER, 'parse_only.c')]);
      writeFileSync(join(dir, 'data.txt'), Array.from(series, (x) => x.toPrecision(17)).join('\n'));
      writeFileSync(join(dir, 'query.txt'), query.join('\n'));
    }
    const parseSeconds = (): number => {
      const out = execFileSync(join(dir, 'parse_only'), [join(dir, 'data.txt')], { encoding: 'utf8' });
      return Number(/parse ([\d.]+) sec/.exec(out)![1]);
    };
    const ucr = (R: number): UcrRun => {
      const out = execFileSync(join(dir, 'ucr_dtw'), [join(dir, 'data.txt'), join(dir, 'query.txt'), String(M), String(R)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      const field = (name: string) => Number(new RegExp(`${name}\\s*:\\s*([\\d.e+-]+)`).exec(out)![1]);
      const pruned = ['LB_Kim', 'LB_Keogh', 'LB_Keogh2', 'DTW Calculation'].map((s) => `${s.replace(' Calculation', '')} ${field(s.replace(/([()])/g, '\\$1'))}%`).join(', ');
      return { cpuMs: field('Total Execution Time') * 1000, location: field('Location'), distance: field('Distance'), pruned };
    };
    const bundle = join(dir, 'midstream.mjs');
    await build({ entryPoints: [join(import.meta.dirname ?? __dirname, '../src/index.ts')], bundle: true, format: 'esm', platform: 'node', outfile: bundle, logLevel: 'error' });
    const library = (await import(pathToFileURL(bundle).href)) as typeof import('../src/index');
    console.log(`\n## UCR Suite task: best match, 10^6-point random walk, Query.txt (${M} points), normalize, squared cost`);
    console.log(`load average at start: ${(await import('node:os')).loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    const parses: number[] = [];
    const rows: string[] = [];
    const optionsFor = (R: number) => ({ normalize: true, window: Math.floor(R * M), cost: 'squared', limit: 1, stats: true }) as const;
    const bests: Array<{ index: number; distance: number }> = [];
    for (const R of bands) {
      const options = optionsFor(R);
      const ours: number[] = [];
      const theirs: number[] = [];
      let result = findSimilar(series, query, Infinity, options);
      let peerRun: UcrRun | undefined;
      for (let k = 0; k < rounds; k++) {
        ours.push(cpuMs(() => { result = findSimilar(series, query, Infinity, options); }));
        if (peer) {
          peerRun = ucr(R);
          const parse = parseSeconds() * 1000;
          parses.push(parse);
          theirs.push(peerRun.cpuMs - parse);
        }
      }
      const best = result.matches[0];
      bests.push(best);
      const ourDistance = Math.sqrt(best.distance);
      const same = peerRun ? (peerRun.location === best.index && Math.abs(peerRun.distance - ourDistance) < 1e-4 ? 'yes' : `NO (UCR ${peerRun.location} / ${peerRun.distance})`) : 'n/a';
      const oursMs = median(ours);
      const theirsMs = peer ? median(theirs) : NaN;
      rows.push(`| r = ${options.window} (R = ${R}) | ${oursMs.toFixed(0)} | ${peer ? theirsMs.toFixed(0) : 'no g++'} | ${peer ? (theirsMs / oursMs).toFixed(2) + 'x' : ''} | ${same} (${best.index} / ${ourDistance.toFixed(5)}) |`);
      const s = result.stats;
      const pct = (x: number) => `${((100 * x) / s.candidates).toFixed(2)}%`;
      rows.push(`|   pruning, Midstream | LB_Kim ${pct(s.prunedByKim)}, LB_Keogh ${pct(s.prunedByKeogh)}, DTW ${pct(s.dtwComputed)} (${s.dtwComputed} windows) | ${peerRun ? 'UCR: ' + peerRun.pruned : ''} | | |`);
    }
    console.log('| band | Midstream (median CPU ms) | UCR_DTW.cpp search (median CPU ms, minus parse) | ratio | same answer |');
    console.log('|---|---:|---:|---:|---|');
    for (const row of rows) console.log(row);
    // Then, with workers started (their threads would count in this process's CPU
    // time above): two workers against one thread, wall clock, alternating.
    console.log('\n| band | findSimilarParallel, 2 workers (median wall ms) | findSimilar, one thread (median wall ms) |');
    console.log('|---|---:|---:|');
    for (const [b, R] of bands.entries()) {
      const options = optionsFor(R);
      const parallelWall: number[] = [];
      const singleWall: number[] = [];
      await library.findSimilarParallel(series, query, Infinity, { ...options, workers: 2 });
      for (let k = 0; k < rounds; k++) {
        let t = performance.now();
        const parallel = (await library.findSimilarParallel(series, query, Infinity, { ...options, workers: 2 })) as { matches: Array<{ index: number }> };
        parallelWall.push(performance.now() - t);
        if (parallel.matches[0].index !== bests[b].index) throw new Error('parallel and single-threaded results differ');
        t = performance.now();
        findSimilar(series, query, Infinity, options);
        singleWall.push(performance.now() - t);
      }
      console.log(`| r = ${options.window} | ${median(parallelWall).toFixed(0)} | ${median(singleWall).toFixed(0)} |`);
    }
    if (peer) console.log(`UCR parse-only time (median, subtracted): ${median(parses).toFixed(0)} ms`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
