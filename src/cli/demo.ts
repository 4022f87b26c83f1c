// `midstream demo` (what `npm start` runs): the built-in sample data, searched
// and classified, with the embedded truth and published values beside the results.
import { lorenz, motifSignal } from '../samples/index';
import { LORENZ_PUBLISHED, printAttractor, runAttractor } from './attractor';
import { CliUsageError } from './errors';
import { quote } from './escape';
import { commonOptions, type OptionValues } from './options';
import { out, plural, printMatches, formatMs } from './output';
import { describeSearch, runSearch } from './search';
import { pipelineDemo } from './watch';
import { metaDemo } from './meta-demo';

const ANALYZE_ONLY = ['pattern', 'threshold', 'column', 'pattern-column', 'attractor', 'dt'] as const;

export async function demoCommand(values: OptionValues, files: string[], version: string): Promise<number> {
  if (files.length) throw new CliUsageError(`demo takes no file, got ${quote(files.join(' '))}`);
  for (const flag of ANALYZE_ONLY) {
    if (values[flag] !== undefined) throw new CliUsageError(`--${flag} is for analyze, not demo`);
  }
  const o = commonOptions(values);
  const sample = motifSignal();
  const { series, pattern, embedded, options: so } = sample;
  const threshold = 32;
  const { report: search, distinct } = runSearch(series, pattern, threshold, { ...o, window: o.window ?? 0.1 });
  const trajectory = lorenz();
  const lo = trajectory.options;
  const progressMode = o.json ? 'off' : o.progress;
  const attractor = runAttractor(trajectory.x, lo.dt, progressMode, 'the Lorenz attractor');
  const periodicAttractor = runAttractor(series, 1, progressMode, 'the periodic signal');

  // How the distinct matches line up with where the motif was embedded.
  const tolerance = Math.round(pattern.length / 4);
  const hit = (index: number) => embedded.findIndex((e) => Math.abs(e.index - index) <= tolerance);
  const found = embedded.filter((e) => distinct.some((m) => Math.abs(e.index - m.index) <= tolerance)).length;
  const elsewhere = distinct.filter((m) => hit(m.index) < 0).length;

  if (o.json) {
    out(
      JSON.stringify(
        {
          version,
          motifSignal: { length: series.length, patternLength: pattern.length, seed: so.seed, embedded, search },
          motifSignalAttractor: periodicAttractor,
          lorenz: { points: trajectory.x.length, dt: lo.dt, sigma: lo.sigma, rho: lo.rho, beta: lo.beta, attractor },
        },
        null,
        2,
      ),
    );
    return 0;
  }

  out(`Midstream ${version} - analysis of the built-in sample data (generated from seeded random numbers)`);
  out('');
  out('1. Pattern search in a noisy periodic signal');
  out(`   series    ${series.length} points: sines of period 90 and 23 points + white noise (sd ${so.noise}), seed ${so.seed}`);
  out(`   pattern   a chirp of ${pattern.length} points, embedded ${embedded.length} times, each time-warped by up to ${Math.round(so.warp * 100)}%`);
  out(`   search    ${describeSearch(search, pattern.length)}`);
  out(`   result    ${search.windows} windows searched in ${formatMs(search.milliseconds)}: ${search.withinThreshold} within the threshold, ${plural(distinct.length, 'distinct match', 'es')}`);
  out('');
  printMatches(search.matches, o.top, (m) => {
    const k = hit(m.index);
    return k < 0 ? 'not an embedded occurrence' : `occurrence embedded at ${embedded[k].index} (${embedded[k].length} points)`;
  });
  out('');
  out(`   check     ${found} of ${embedded.length} embedded occurrences found (start within ${tolerance} points); ${plural(elsewhere, 'distinct match', 'es')} elsewhere`);
  out('');
  out(`2. Attractor of the Lorenz system (sigma ${lo.sigma}, rho ${lo.rho}, beta ${Number(lo.beta.toFixed(4))}), x component`);
  out(`   series    ${trajectory.x.length} points at dt ${lo.dt} (RK4, first ${lo.transient} steps dropped), delay-embedded`);
  printAttractor(attractor, '   ', LORENZ_PUBLISHED);
  out('');
  out('3. Attractor of the noisy periodic signal of part 1 (time unit: one sample)');
  printAttractor(periodicAttractor, '   ');
  out('');
  await pipelineDemo(out);
  out('');
  metaDemo(out);
  return 0;
}
