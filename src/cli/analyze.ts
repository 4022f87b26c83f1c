// `midstream analyze data.csv [--pattern pattern.csv]`: the user's own series,
// searched for a pattern and/or classified.
import { printAttractor, runAttractor } from './attractor';
import { readCsvSeries, STDIN, type CsvSeries } from './csv';
import { CliInputError, CliUsageError } from './errors';
import { displayName, quote } from './escape';
import { commonOptions, numberOption, positiveOption, type OptionValues } from './options';
import { formatMs, out, plural, printMatches } from './output';
import { describeSearch, runSearch } from './search';

export function analyzeCommand(values: OptionValues, files: string[], version: string): number {
  if (files.length !== 1) {
    const got = files.length ? `, got ${files.length}: ${files.slice(0, 3).map((f) => quote(f)).join(' ')}` : '';
    throw new CliUsageError(`analyze takes exactly one data file${got}; e.g. midstream analyze data.csv --pattern pattern.csv`);
  }
  const [file] = files;
  if (file === STDIN && values.pattern === STDIN) throw new CliUsageError('only one of the data file and --pattern can be - (stdin)');
  const o = {
    ...commonOptions(values),
    threshold: values.threshold === undefined ? undefined : numberOption('--threshold', values.threshold, 0),
    attractor: values.attractor ?? values.pattern === undefined,
    dt: values.dt === undefined ? 1 : positiveOption('--dt', values.dt),
  };

  const data = readCsvSeries(file, values.column);
  const pattern: CsvSeries | undefined = values.pattern === undefined ? undefined : readCsvSeries(values.pattern, values['pattern-column']);
  const fileName = file === STDIN ? 'stdin' : displayName(file);
  const patternName = values.pattern === STDIN ? 'stdin' : displayName(values.pattern ?? '');
  if (pattern && pattern.values.length > data.values.length) {
    throw new CliInputError(
      `the pattern ${patternName} (${pattern.values.length} points) is longer than the series ${fileName} (${data.values.length} points)`,
    );
  }
  const searched = pattern ? runSearch(data.values, pattern.values, o.threshold, o) : undefined;
  const attractor = o.attractor ? runAttractor(data.values, o.dt, o.json ? 'off' : o.progress, fileName) : undefined;

  if (o.json) {
    const search = searched && { ...searched.report, matches: searched.report.matches.map((m) => ({ ...m, line: data.lines[m.index] })) };
    out(
      JSON.stringify(
        {
          version,
          series: { file, column: data.column, points: data.values.length },
          pattern: pattern && { file: values.pattern, column: pattern.column, points: pattern.values.length },
          search,
          attractor,
        },
        null,
        2,
      ),
    );
    return 0;
  }

  out(`series    ${fileName}: ${data.values.length} points (${data.column})`);
  if (pattern && searched) {
    const { report: search, distinct } = searched;
    out(`pattern   ${patternName}: ${pattern.values.length} points (${pattern.column})`);
    out(`search    ${describeSearch(search, pattern.values.length)}`);
    out(
      `result    ${search.windows} windows searched in ${formatMs(search.milliseconds)}: ` +
        (search.threshold === null
          ? `${plural(distinct.length, 'distinct window')}, best first`
          : `${search.withinThreshold} within the threshold, ${plural(distinct.length, 'distinct match', 'es')}`),
    );
    if (search.matches.length) {
      out('');
      printMatches(search.matches, o.top, (m) => `line ${data.lines[m.index]}`);
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
