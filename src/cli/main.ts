// The `midstream` command: `midstream demo` analyses the built-in sample data
// (what `npm start` runs); `midstream analyze data.csv --pattern pattern.csv`
// analyses the user's own files. Results go to stdout, progress and errors to
// stderr; exit code 0 on success, 1 for bad input, 2 for a bad command line.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { classifyAttractor, findSimilar, type AttractorClassification, type Match, type SearchOptions } from '../index';
import { lorenz, motifSignal } from '../samples/index';
import { InputError, readCsvSeries, type CsvSeries } from './csv';
import { Progress, type ProgressMode } from './progress';
import { SERVE_USAGE, serveCommand } from './serve';

const VERSION = packageVersion();

/** The version in package.json, next to dist/ where this file is built. */
function packageVersion(): string {
  try {
    return JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

const USAGE = `midstream ${VERSION} - streaming temporal analysis

Usage:
  midstream demo [options]                       analyse the built-in sample data
  midstream analyze <data.csv> [options]         analyse your own series
${SERVE_USAGE}
Options for analyze:
  --pattern <file.csv>      search the series for this shape (DTW subsequence search)
  --threshold <number>      report windows whose DTW distance is at most this
                            (default: none; the --top best distinct windows are shown)
  --column <n|name>         column of data.csv to read (1-based number or header name)
  --pattern-column <n|name> column of the pattern file to read
  --attractor               also classify the series' attractor (the default without --pattern)
  --dt <seconds>            sampling interval, for the Lyapunov exponent per unit of time (default 1)

Options for both:
  --window <w>              Sakoe-Chiba band: whole points, or a fraction in (0, 1)
  --cost <absolute|squared> DTW point cost (default absolute)
  --top <k>                 show at most k distinct matches (default 20)
  --all                     list every window within the threshold, not only distinct ones
  --json                    print the results as JSON
  --progress                progress as lines on stderr (default: a bar on a terminal)
  --no-progress             no progress output
  -h, --help                this help
  -v, --version             the version

CSV files: one number per line, or delimited columns (comma, tab or semicolon)
with an optional header line; blank lines and lines starting with # are skipped.
`;

class UsageError extends Error {}

interface CommonOptions {
  window?: number;
  cost: 'absolute' | 'squared';
  top: number;
  all: boolean;
  json: boolean;
  progress: ProgressMode;
}

interface SearchReport {
  threshold: number | null;
  window: number | null;
  cost: string;
  windows: number;
  /** Windows within the threshold (null when no threshold was given). */
  withinThreshold: number | null;
  milliseconds: number;
  /** Distinct (non-overlapping) matches, best first, or every match with --all. */
  matches: Match[];
}

function main(argv: string[]): number {
  if (argv[0] === 'serve') return serveCommand(argv.slice(1));
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        pattern: { type: 'string' },
        threshold: { type: 'string' },
        column: { type: 'string' },
        'pattern-column': { type: 'string' },
        attractor: { type: 'boolean' },
        dt: { type: 'string' },
        window: { type: 'string' },
        cost: { type: 'string' },
        top: { type: 'string' },
        all: { type: 'boolean' },
        json: { type: 'boolean' },
        progress: { type: 'boolean' },
        'no-progress': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    return usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.version) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (values.help || command === 'help' || command === undefined) {
    process.stdout.write(USAGE);
    return command === undefined && !values.help ? 2 : 0;
  }
  try {
    const common: CommonOptions = {
      window: values.window === undefined ? undefined : numberOption('--window', values.window, 0),
      cost: costOption(values.cost),
      top: values.top === undefined ? 20 : integerOption('--top', values.top, 1),
      all: values.all ?? false,
      json: values.json ?? false,
      progress: values['no-progress'] ? 'off' : values.progress ? 'lines' : process.stderr.isTTY ? 'bar' : 'off',
    };
    if (command === 'demo') {
      if (rest.length) throw new UsageError(`demo takes no file, got ${rest.join(' ')}`);
      for (const flag of ['pattern', 'threshold', 'column', 'pattern-column', 'attractor', 'dt'] as const) {
        if (values[flag] !== undefined) throw new UsageError(`--${flag} is for analyze, not demo`);
      }
      return demo(common);
    }
    if (command === 'analyze' || command === 'analyse') {
      if (rest.length !== 1) throw new UsageError('analyze takes exactly one data file, e.g. midstream analyze data.csv --pattern pattern.csv');
      return analyze(rest[0], {
        ...common,
        pattern: values.pattern,
        threshold: values.threshold === undefined ? undefined : numberOption('--threshold', values.threshold, 0),
        column: values.column,
        patternColumn: values['pattern-column'],
        attractor: values.attractor ?? values.pattern === undefined,
        dt: values.dt === undefined ? 1 : positiveOption('--dt', values.dt),
      });
    }
    throw new UsageError(`unknown command "${command}"`);
  } catch (error) {
    if (error instanceof UsageError) return usageError(error.message);
    if (error instanceof InputError || error instanceof RangeError || error instanceof TypeError) {
      process.stderr.write(`midstream: error: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

function usageError(message: string): number {
  process.stderr.write(`midstream: ${message}\nRun "midstream --help" for the commands and options.\n`);
  return 2;
}

function numberOption(name: string, text: string, min: number): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < min) {
    throw new UsageError(`${name} must be a number >= ${min}, got "${text}"`);
  }
  return value;
}

function positiveOption(name: string, text: string): number {
  const value = numberOption(name, text, 0);
  if (value === 0) throw new UsageError(`${name} must be > 0, got "${text}"`);
  return value;
}

function integerOption(name: string, text: string, min: number): number {
  const value = numberOption(name, text, min);
  if (!Number.isInteger(value)) throw new UsageError(`${name} must be a whole number, got "${text}"`);
  return value;
}

function costOption(text: string | undefined): 'absolute' | 'squared' {
  if (text === undefined || text === 'absolute' || text === 'squared') return text ?? 'absolute';
  throw new UsageError(`--cost must be absolute or squared, got "${text}"`);
}

// ---------------------------------------------------------------- the work

/**
 * findSimilar over the whole series, run in blocks of windows so progress can
 * be shown; every window is scored independently, so the union of the blocks
 * is exactly findSimilar over the whole series.
 */
function searchSeries(
  series: Float64Array,
  pattern: Float64Array,
  threshold: number,
  options: SearchOptions,
  progress: Progress,
): { all: Match[]; windows: number; milliseconds: number } {
  const m = pattern.length;
  const windows = series.length - m + 1;
  if (windows < 1) {
    throw new InputError(`the pattern (${m} points) is longer than the series (${series.length} points)`);
  }
  const block = Math.max(256, Math.ceil(windows / 50));
  const started = performance.now();
  const all: Match[] = [];
  progress.start('searching', windows);
  for (let first = 0; first < windows; first += block) {
    const last = Math.min(windows, first + block); // windows [first, last)
    const found = findSimilar(series.subarray(first, last + m - 1), pattern, threshold, options);
    for (const match of found) all.push({ index: match.index + first, distance: match.distance });
    progress.update(last);
  }
  progress.done();
  all.sort((p, q) => p.distance - q.distance || p.index - q.index);
  return { all, windows, milliseconds: performance.now() - started };
}

/** Best-first matches of which no two overlap: one per occurrence of the pattern. */
function distinctMatches(sorted: Match[], length: number): Match[] {
  const chosen: Match[] = [];
  for (const match of sorted) {
    if (chosen.every((c) => Math.abs(c.index - match.index) >= length)) chosen.push(match);
  }
  return chosen;
}

function runSearch(
  series: Float64Array,
  pattern: Float64Array,
  threshold: number | undefined,
  o: CommonOptions,
): SearchReport {
  const options: SearchOptions = { cost: o.cost };
  if (o.window !== undefined) options.window = o.window;
  if (threshold === undefined && !o.all) {
    // The best distinct windows: one pruned search (no threshold to split on).
    const started = performance.now();
    const { matches } = findSimilar(series, pattern, Infinity, { ...options, exclusion: 0, limit: o.top, stats: true });
    return {
      threshold: null,
      window: o.window ?? null,
      cost: o.cost,
      windows: series.length - pattern.length + 1,
      withinThreshold: null,
      milliseconds: performance.now() - started,
      matches,
    };
  }
  const progress = new Progress(o.json ? 'off' : o.progress);
  const { all, windows, milliseconds } = searchSeries(series, pattern, threshold ?? Infinity, options, progress);
  // distinctMatches keeps what findSimilar's `exclusion: 0` keeps; the blocks
  // above need every window within the threshold, so it is applied here.
  const matches = o.all ? all : distinctMatches(all, pattern.length);
  return {
    threshold: threshold ?? null,
    window: o.window ?? null,
    cost: o.cost,
    windows,
    withinThreshold: all.length,
    milliseconds,
    matches,
  };
}

// The attractor step: classifyAttractor (src/attractor) on a whole series.
interface AttractorReport {
  milliseconds: number;
  /** classifyAttractor's result, as returned. */
  classification: AttractorClassification;
}

/** Published values for a known system, printed next to the estimates. */
interface Published {
  lyapunov: string;
  dimension: string;
}

function runAttractor(series: Float64Array, dt: number, mode: ProgressMode, label: string): AttractorReport {
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

function printAttractor(report: AttractorReport, indent: string, published?: Published): void {
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

const LORENZ_PUBLISHED: Published = {
  lyapunov: '0.906 (Sprott, Chaos and Time-Series Analysis, 2003)',
  dimension: '2.05 +/- 0.01 (Grassberger & Procaccia, 1983)',
};

// ---------------------------------------------------------------- commands

function demo(o: CommonOptions): number {
  const sample = motifSignal();
  const { series, pattern, embedded, options: so } = sample;
  const threshold = 32;
  const window = o.window ?? 0.1;
  const search = runSearch(series, pattern, threshold, { ...o, window });
  const trajectory = lorenz();
  const lo = trajectory.options;
  const progressMode = o.json ? 'off' : o.progress;
  const attractor = runAttractor(trajectory.x, lo.dt, progressMode, 'the Lorenz attractor');
  const periodicAttractor = runAttractor(series, 1, progressMode, 'the periodic signal');

  // How the distinct matches line up with where the motif was embedded.
  const tolerance = Math.round(pattern.length / 4);
  const distinct = o.all ? distinctMatches(search.matches, pattern.length) : search.matches;
  const hit = (index: number) => embedded.findIndex((e) => Math.abs(e.index - index) <= tolerance);
  const found = embedded.filter((e) => distinct.some((m) => Math.abs(e.index - m.index) <= tolerance)).length;
  const elsewhere = distinct.filter((m) => hit(m.index) < 0).length;

  if (o.json) {
    out(
      JSON.stringify(
        {
          version: VERSION,
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

  out(`Midstream ${VERSION} - analysis of the built-in sample data (generated from seeded random numbers)`);
  out('');
  out('1. Pattern search in a noisy periodic signal');
  out(`   series    ${series.length} points: sines of period 90 and 23 points + white noise (sd ${so.noise}), seed ${so.seed}`);
  out(`   pattern   a chirp of ${pattern.length} points, embedded ${embedded.length} times, each time-warped by up to ${Math.round(so.warp * 100)}%`);
  out(`   search    ${describeSearch(search, pattern.length)}`);
  out(`   result    ${search.windows} windows searched in ${formatMs(search.milliseconds)}: ${search.withinThreshold} within the threshold, ${distinct.length} distinct match${distinct.length === 1 ? '' : 'es'}`);
  out('');
  printMatches(search.matches, o, (m) => {
    const k = hit(m.index);
    return k < 0 ? 'not an embedded occurrence' : `occurrence embedded at ${embedded[k].index} (${embedded[k].length} points)`;
  });
  out('');
  out(`   check     ${found} of ${embedded.length} embedded occurrences found (start within ${tolerance} points); ${elsewhere} distinct match${elsewhere === 1 ? '' : 'es'} elsewhere`);
  out('');
  out(`2. Attractor of the Lorenz system (sigma ${lo.sigma}, rho ${lo.rho}, beta ${round(lo.beta, 4)}), x component`);
  out(`   series    ${trajectory.x.length} points at dt ${lo.dt} (RK4, first ${lo.transient} steps dropped), delay-embedded`);
  printAttractor(attractor, '   ', LORENZ_PUBLISHED);
  out('');
  out('3. Attractor of the noisy periodic signal of part 1 (time unit: one sample)');
  printAttractor(periodicAttractor, '   ');
  return 0;
}

interface AnalyzeOptions extends CommonOptions {
  pattern?: string;
  threshold?: number;
  column?: string;
  patternColumn?: string;
  attractor: boolean;
  /** Sampling interval of the series, for the Lyapunov exponent per unit of time. */
  dt: number;
}

function analyze(file: string, o: AnalyzeOptions): number {
  const data = readCsvSeries(file, o.column);
  const pattern: CsvSeries | undefined = o.pattern === undefined ? undefined : readCsvSeries(o.pattern, o.patternColumn);
  if (pattern && pattern.values.length > data.values.length) {
    throw new InputError(
      `the pattern ${o.pattern} (${pattern.values.length} points) is longer than the series ${file} (${data.values.length} points)`,
    );
  }
  const search = pattern ? runSearch(data.values, pattern.values, o.threshold, o) : undefined;
  const attractor = o.attractor ? runAttractor(data.values, o.dt, o.json ? 'off' : o.progress, file) : undefined;

  if (o.json) {
    const withLines = search?.matches.map((m) => ({ ...m, line: data.lines[m.index] }));
    out(
      JSON.stringify(
        {
          version: VERSION,
          series: { file, column: data.column, points: data.values.length },
          pattern: pattern && { file: o.pattern, column: pattern.column, points: pattern.values.length },
          search: search && { ...search, matches: withLines },
          attractor,
        },
        null,
        2,
      ),
    );
    return 0;
  }

  out(`series    ${file}: ${data.values.length} points (${data.column})`);
  if (pattern && search) {
    out(`pattern   ${o.pattern}: ${pattern.values.length} points (${pattern.column})`);
    out(`search    ${describeSearch(search, pattern.values.length)}`);
    const distinct = o.all ? distinctMatches(search.matches, pattern.values.length).length : search.matches.length;
    out(
      `result    ${search.windows} windows searched in ${formatMs(search.milliseconds)}: ` +
        (search.threshold === null
          ? `${distinct} distinct window${distinct === 1 ? "" : "s"}, best first`
          : `${search.withinThreshold} within the threshold, ${distinct} distinct match${distinct === 1 ? '' : 'es'}`),
    );
    if (search.matches.length) {
      out('');
      printMatches(search.matches, o, (m) => `line ${data.lines[m.index]}`);
    } else {
      out('          no window is within the threshold; try a larger --threshold, or none to see the best windows');
    }
  }
  if (attractor) {
    if (pattern) out('');
    out('attractor');
    printAttractor(attractor, '   ');
  }
  return 0;
}

// ---------------------------------------------------------------- output

function out(line: string): void {
  process.stdout.write(line + '\n');
}

function describeSearch(search: SearchReport, patternLength: number): string {
  const band =
    search.window === null
      ? 'no band'
      : search.window > 0 && search.window < 1
        ? `Sakoe-Chiba band ${Math.round(search.window * 100)}% (${Math.ceil(search.window * patternLength)} points)`
        : `Sakoe-Chiba band ${search.window} points`;
  const threshold = search.threshold === null ? 'no threshold' : `threshold ${search.threshold}`;
  return `findSimilar, DTW with ${search.cost} cost, ${band}, ${threshold}`;
}

function printMatches(matches: Match[], o: CommonOptions, note: (m: Match) => string): void {
  const shown = matches.slice(0, o.top);
  const width = Math.max(8, ...shown.map((m) => String(m.index).length));
  out(`   ${'#'.padStart(3)}  ${'position'.padStart(width)}  ${'distance'.padStart(10)}`);
  shown.forEach((m, k) => {
    out(`   ${String(k + 1).padStart(3)}  ${String(m.index).padStart(width)}  ${formatDistance(m.distance).padStart(10)}   ${note(m)}`);
  });
  if (matches.length > shown.length) out(`   ... and ${matches.length - shown.length} more (use --top to show more)`);
}

function formatDistance(d: number): string {
  return d === Infinity ? 'Infinity' : d.toFixed(4);
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

function round(x: number, digits: number): number {
  return Number(x.toFixed(digits));
}

process.exitCode = main(process.argv.slice(2));
