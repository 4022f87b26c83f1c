// `midstream watch <data.csv | -> --pattern p.csv --threshold 4 --rule "G (x < 5)" [--regime] [--json]`:
// the data through one Midstream pipeline, each event printed as it happens.
// `-` reads stdin line by line, so `tail -f metrics.csv | midstream watch - ...`
// works on a live feed. Exit codes as the other commands: 0 done, 1 bad input,
// 2 bad command line.
import { createReadStream } from 'node:fs';
import { basename, extname } from 'node:path';
import { createInterface } from 'node:readline';
import { parseOptions } from './options';
import { Midstream, type MidstreamEvent, type MidstreamOptions, type Sample } from '../index';
import { motifSignal } from '../samples/index';
import { parseDecimal, readCsvSeries } from './csv';
import { CliInputError, CliUsageError, reportError } from './errors';
import { displayName, quote } from './escape';

/** The command's line in main.ts's usage text. */
export const WATCH_COMMAND = `  midstream watch <data.csv | -> [options]       print matches, regime changes and rule verdicts as data streams in
`;

/** Its options, for main.ts's usage text. */
export const WATCH_OPTIONS = `Options for watch:
  --pattern <file.csv>      watch for this shape (streaming DTW, SPRING); needs --threshold
  --threshold <number>      report subsequences whose DTW distance is at most this
  --window <w>, --cost <c>  Sakoe-Chiba band and point cost, as for analyze
  --column <name>           with several named columns: the one the pattern and the regime read
                            (default the first)
  --rule <formula>          a temporal-logic rule over the columns (by header name; x for one
                            column without a header, x0, x1, ... for several),
                            match.<pattern file name> and regime.<class>; repeatable
  --regime                  classify the regime (attractor) of the last --regime-window samples
                            every --every samples, in a worker (defaults 4000 and 1000)
  --dt <seconds>            sampling interval, for the Lyapunov exponent (default 1)
  --json                    one JSON object per event and line
`;

interface Row {
  line: number;
  cells: number[];
}

/** Lines of numbers (comma, tab or semicolon separated) as they arrive; the first line may be a header. */
async function* csvRows(input: NodeJS.ReadableStream, name: string, header: (names: string[]) => void): AsyncGenerator<Row> {
  let lineNumber = 0;
  let width = -1;
  for await (const raw of createInterface({ input, crlfDelay: Infinity })) {
    lineNumber++;
    const text = (lineNumber === 1 ? raw.replace(/^\uFEFF/, '') : raw).trim();
    if (text === '' || text.startsWith('#')) continue;
    const cells = text.split(/[,;\t]/).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
    const numbers = cells.map(parseDecimal); // linear time per cell, as for analyze
    if (width < 0) {
      width = cells.length;
      if (numbers.every((x) => x === undefined)) {
        header(cells);
        continue;
      }
      header([]);
    }
    if (cells.length !== width) throw new CliInputError(`${name}: line ${lineNumber}: has ${cells.length} cells, expected ${width}`);
    const bad = numbers.indexOf(undefined);
    if (bad >= 0) throw new CliInputError(`${name}: line ${lineNumber}: ${quote(cells[bad])} is not a number`);
    yield { line: lineNumber, cells: numbers as number[] };
  }
}

interface WatchOptions {
  pattern?: { name: string; values: Float64Array; threshold: number; window?: number; cost?: 'absolute' | 'squared' };
  column?: string;
  rules: string[];
  regime?: { window: number; every: number };
  dt: number;
  json: boolean;
}

/** Builds the pipeline once the header (or its absence) says what a row is. */
function pipelineFor(names: string[], width: number, o: WatchOptions): { ms: Midstream; toSample: (cells: number[]) => Sample } {
  const options: MidstreamOptions = {};
  let toSample: (cells: number[]) => Sample;
  if (width === 1 && names.length === 0) toSample = (cells) => cells[0];
  else if (names.length > 0) {
    options.fields = names;
    toSample = (cells) => Object.fromEntries(names.map((n, i) => [n, cells[i]]));
  } else {
    options.dimension = width;
    toSample = (cells) => cells;
  }
  const field = width === 1 ? undefined : (o.column ?? (names.length > 0 ? names[0] : 'x0'));
  if (o.column !== undefined && !names.includes(o.column)) throw new CliInputError(`--column ${o.column}: the data has no column of that name (${names.length ? names.join(', ') : 'no header line'})`);
  if (o.pattern) {
    const { name, values, threshold, window, cost } = o.pattern;
    options.patterns = { [name]: { pattern: values, threshold, window, cost, field } };
  }
  if (o.regime) options.regime = { ...o.regime, dt: o.dt, field };
  if (o.rules.length) options.rules = Object.fromEntries(o.rules.map((r) => [r, r]));
  options.offload = true;
  return { ms: new Midstream(options), toSample };
}

const fmt = (x: number) => (Number.isInteger(x) ? String(x) : Number(x.toPrecision(4)).toString());

/** One event as a line a person reads. */
export function describeEvent(e: MidstreamEvent): string {
  const at = `step ${String(e.step).padStart(6)}`;
  switch (e.type) {
    case 'match':
      return `match    ${at}  ${e.pattern} at samples ${e.start}..${e.end}, DTW distance ${fmt(e.distance)}`;
    case 'regime':
      return `regime   ${at}  ${e.regime}${e.previous ? ` (was ${e.previous})` : ''}, confidence ${fmt(e.confidence)}, Lyapunov exponent ${fmt(e.lyapunovExponent)}, samples ${e.window[0]}..${e.window[1]}`;
    case 'verdict':
      return `verdict  ${at}  ${e.rule}: ${e.verdict}${e.counterexample ? ` (${e.counterexample.reason})` : ''}`;
    case 'summary': {
      const matches = Object.entries(e.matches).map(([p, n]) => `${n} ${p}`).join(', ') || 'no patterns';
      const verdicts = Object.entries(e.verdicts).map(([r, v]) => `${r}: ${v}`).join('; ');
      return `summary  ${e.samples} samples; matches: ${matches}; regime: ${e.regime ?? 'none'} (${e.regimeChanges} change${e.regimeChanges === 1 ? '' : 's'})${verdicts ? `; rules: ${verdicts}` : ''}`;
    }
  }
}

/** For main.ts: starts `watch` and returns 0 now; process.exitCode is set when the stream ends. */
/** Runs `midstream watch ...`; resolves with the exit code. */
export async function watch(argv: string[]): Promise<number> {
  let o: WatchOptions;
  let source: string;
  try {
    ({ o, source } = parseWatchArgs(argv));
  } catch (error) {
    return reportError(error, (text) => process.stderr.write(text));
  }
  const name = source === '-' ? 'stdin' : displayName(source);
  let names: string[] = [];
  let lastLine = 0;
  let ms: Midstream | undefined;
  try {
    const input = source === '-' ? process.stdin : createReadStream(source);
    const rows = csvRows(input, name, (header) => (names = header));
    const first = await rows.next();
    if (first.done) throw new CliInputError(`${name}: no numbers found`);
    const built = pipelineFor(names, first.value.cells.length, o);
    ms = built.ms;
    async function* samples(): AsyncGenerator<Sample> {
      for (let row: IteratorResult<Row> = first; !row.done; row = await rows.next()) {
        lastLine = row.value.line;
        yield built.toSample(row.value.cells);
      }
    }
    for await (const event of ms.run(samples())) process.stdout.write((o.json ? JSON.stringify(event) : describeEvent(event)) + '\n');
    return 0;
  } catch (error) {
    // A sample the pipeline rejects (wrong shape, a rule it cannot read) is bad
    // input at that line; anything else goes to reportError as it is.
    const e = error as NodeJS.ErrnoException;
    let reported = error;
    if (e.code === 'ENOENT') reported = new CliInputError(`cannot read ${name}: no such file`);
    else if (error instanceof RangeError || error instanceof TypeError || error instanceof SyntaxError) {
      reported = new CliInputError(lastLine > 0 ? `${name}: line ${lastLine}: ${error.message}` : error.message);
    }
    return reportError(reported, (text) => process.stderr.write(text));
  } finally {
    ms?.close();
  }
}

function parseWatchArgs(argv: string[]): { o: WatchOptions; source: string } {
  const parsed = parseOptions(argv, {
    pattern: { type: 'string' },
    'pattern-column': { type: 'string' },
    threshold: { type: 'string' },
    window: { type: 'string' },
    cost: { type: 'string' },
    column: { type: 'string' },
    rule: { type: 'string', multiple: true },
    regime: { type: 'boolean' },
    'regime-window': { type: 'string' },
    every: { type: 'string' },
    dt: { type: 'string' },
    json: { type: 'boolean' },
  });
  const { values: v, positionals } = parsed;
  if (positionals.length !== 1) throw new CliUsageError('watch takes exactly one data file (or - for stdin), e.g. midstream watch data.csv --pattern spike.csv --threshold 4');
  const number = (flag: string, text: string | undefined, min: number) => {
    if (text === undefined) return undefined;
    const x = Number(text);
    if (text.trim() === '' || !Number.isFinite(x) || x < min) throw new CliUsageError(`--${flag} must be a number >= ${min}, got "${text}"`);
    return x;
  };
  if ((v.pattern === undefined) !== (v.threshold === undefined)) throw new CliUsageError('--pattern and --threshold go together');
  if (v.cost !== undefined && v.cost !== 'absolute' && v.cost !== 'squared') throw new CliUsageError(`--cost must be absolute or squared, got "${v.cost}"`);
  if (!v.regime && (v['regime-window'] !== undefined || v.every !== undefined)) throw new CliUsageError('--regime-window and --every need --regime');
  const o: WatchOptions = { column: v.column, rules: v.rule ?? [], dt: number('dt', v.dt, Number.MIN_VALUE) ?? 1, json: v.json ?? false };
  if (v.pattern !== undefined) {
    const file = readCsvSeries(v.pattern, v['pattern-column']);
    o.pattern = {
      name: basename(v.pattern, extname(v.pattern)).replace(/[^A-Za-z0-9_]/g, '_'),
      values: file.values,
      threshold: number('threshold', v.threshold, 0)!,
      window: number('window', v.window, 0),
      cost: v.cost as 'absolute' | 'squared' | undefined,
    };
  }
  if (v.regime) o.regime = { window: number('regime-window', v['regime-window'], 100) ?? 4000, every: number('every', v.every, 1) ?? 1000 };
  return { o, source: positionals[0] };
}

/**
 * The `npm start` section: the sample series (a noisy cycle with a chirp
 * planted six times) through one Midstream with the chirp as its pattern, a
 * rule and regime analysis; writes each event as a line.
 */
export async function pipelineDemo(write: (line: string) => void): Promise<void> {
  const { series, pattern } = motifSignal();
  const ms = new Midstream({
    patterns: { chirp: { pattern, threshold: 32, window: 0.1 } },
    regime: { window: 2000, every: 1000 },
    rules: { bounded: 'G (x < 4)', chirpAfterCycle: 'F (regime.limit_cycle & match.chirp)' },
  });
  write(`4. The pipeline: ${series.length} samples through one Midstream (a chirp pattern, two rules, regime every 1000 samples)`);
  try {
    for await (const event of ms.run(series)) write(`   ${describeEvent(event)}`);
  } finally {
    ms.close();
  }
}
