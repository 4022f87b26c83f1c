// `midstream check trace.jsonl --formula "G (req -> F[0,50] grant)"`: verifies
// a recorded trace (JSON lines or CSV with a header; `-` reads stdin) against a
// temporal-logic formula and prints the verdict with the input lines involved.
// Exit code 0 when satisfied, 1 when violated, 2 for bad input or usage, so a
// CI job can gate on a log.
import { readFileSync } from 'node:fs';
import { out } from './output';
import { parseOptions } from './options';
import { FormulaSyntaxError, parseFormula, verify, type Explanation, type VerifyResult } from '../index';

export const CHECK_USAGE = `Usage: midstream check <trace.jsonl | trace.csv | -> --formula <formula> [options]

Checks a finished trace against a temporal-logic formula (README: "Temporal logic").
Exit code 0: satisfied, 1: violated, 2: bad input or command line.

Options:
  --formula, -f <text>      the formula, e.g. "G (req -> F[0,50] grant)"
  --timestamp <field>       bounds in the time units of this field instead of steps
  --missing <error|false>   a state lacking a field: an error (default) or false
  --format <jsonl|csv>      input format (default: from the file name, else sniffed)
  --context <n>             show at most n input lines at each end of the span (default 5)
  --json                    print the result as JSON
  -h, --help                this help

Input: JSON lines (one object per line) or CSV with a header line (comma, tab or
semicolon); CSV cells that are numbers become numbers, true/false booleans, and
empty cells missing fields. Steps count states from 0; blank lines are skipped.
`;

class CheckInputError extends Error {}

interface Trace {
  states: Array<Record<string, unknown>>;
  /** The input line (1-based) of each state. */
  lines: number[];
  /** The text of every input line, for showing the offending ones. */
  text: string[];
}

export function check(argv: string[]): number {
  let parsed;
  try {
    // check's own option set: main.ts's parser knows only demo's and analyze's.
    parsed = parseOptions(argv, {
      formula: { type: 'string', short: 'f' },
      timestamp: { type: 'string' },
      missing: { type: 'string' },
      format: { type: 'string' },
      context: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
  } catch (error) {
    return usage((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out(CHECK_USAGE.trimEnd());
    return 0;
  }
  if (positionals.length !== 1) return usage('check takes exactly one trace file (or - for stdin)');
  if (values.formula === undefined) return usage('check needs --formula, e.g. --formula "G (req -> F[0,50] grant)"');
  if (values.missing !== undefined && values.missing !== 'error' && values.missing !== 'false') {
    return usage(`--missing must be error or false, got "${values.missing}"`);
  }
  if (values.format !== undefined && values.format !== 'jsonl' && values.format !== 'csv') {
    return usage(`--format must be jsonl or csv, got "${values.format}"`);
  }
  const context = values.context === undefined ? 5 : Number(values.context);
  if (!Number.isInteger(context) || context < 1) return usage(`--context must be a whole number >= 1, got "${values.context}"`);
  const file = positionals[0];

  let trace: Trace | undefined;
  try {
    const formula = parseFormula(values.formula);
    trace = readTrace(file, values.format as 'jsonl' | 'csv' | undefined);
    const result = verify(formula, trace.states, { timestamp: values.timestamp, missing: values.missing as 'error' | 'false' | undefined });
    if (values.json) printJson(result, values.formula, file, trace);
    else printText(result, values.formula, file, trace, context);
    return result.satisfied ? 0 : 1;
  } catch (error) {
    if (error instanceof FormulaSyntaxError) {
      process.stderr.write(`midstream check: the formula is not valid\n${error.message.replace(/^parseFormula: /, '')}\n`);
      return 2;
    }
    if (error instanceof CheckInputError || error instanceof RangeError || error instanceof TypeError) {
      const message = error.message.replace("pass { missing: 'false' }", 'pass --missing false');
      process.stderr.write(`midstream check: error: ${message}${trace ? lineOfStep(message, file, trace) : ''}\n`);
      return 2;
    }
    throw error;
  }
}

function usage(message: string): number {
  process.stderr.write(`midstream check: ${message}\nRun "midstream check --help" for the options.\n`);
  return 2;
}

/** " (step 5 is line 7 of trace.jsonl)" when an error message names a step. */
function lineOfStep(message: string, file: string, trace: Trace): string {
  const step = /\bstep (\d+)\b/.exec(message);
  const line = step ? trace.lines[Number(step[1])] : undefined;
  return line === undefined ? '' : ` (step ${step![1]} is line ${line} of ${name(file)})`;
}

function name(file: string): string {
  return file === '-' ? 'stdin' : file;
}

// ---------------------------------------------------------------- input

function readTrace(file: string, format: 'jsonl' | 'csv' | undefined): Trace {
  let content: string;
  try {
    content = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CheckInputError(`cannot read ${name(file)}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message}`);
  }
  const text = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  const firstLine = text.find((line) => line.trim() !== '') ?? '';
  const kind = format ?? (/\.(jsonl|ndjson|json)$/i.test(file) ? 'jsonl' : /\.(csv|tsv)$/i.test(file) ? 'csv' : firstLine.trim().startsWith('{') ? 'jsonl' : 'csv');
  const trace = kind === 'jsonl' ? readJsonLines(text, file) : readCsv(text, file);
  if (trace.states.length === 0) throw new CheckInputError(`${name(file)} holds no states (empty trace)`);
  return trace;
}

function readJsonLines(text: string[], file: string): Trace {
  const states: Array<Record<string, unknown>> = [];
  const lines: number[] = [];
  text.forEach((line, k) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new CheckInputError(`${name(file)}: line ${k + 1}: not valid JSON (${(error as Error).message})`);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new CheckInputError(`${name(file)}: line ${k + 1}: each line must be a JSON object (one state), got ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}`);
    }
    states.push(value as Record<string, unknown>);
    lines.push(k + 1);
  });
  return { states, lines, text };
}

/** Splits one CSV line, honouring double quotes ("a, b" and "" inside quotes). */
function splitCsv(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      cells.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  cells.push(cell.trim());
  return cells;
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function readCsv(text: string[], file: string): Trace {
  const headerIndex = text.findIndex((line) => line.trim() !== '' && !line.startsWith('#'));
  if (headerIndex < 0) return { states: [], lines: [], text };
  const headerLine = text[headerIndex];
  const delimiter = [',', '\t', ';'].find((d) => headerLine.includes(d)) ?? ',';
  const header = splitCsv(headerLine, delimiter);
  if (header.some((h) => NUMBER.test(h))) {
    throw new CheckInputError(`${name(file)}: line ${headerIndex + 1}: a CSV trace needs a header line naming the fields, got ${JSON.stringify(headerLine)}`);
  }
  const states: Array<Record<string, unknown>> = [];
  const lines: number[] = [];
  for (let k = headerIndex + 1; k < text.length; k++) {
    const line = text[k];
    if (line.trim() === '' || line.startsWith('#')) continue;
    const cells = splitCsv(line, delimiter);
    if (cells.length !== header.length) {
      throw new CheckInputError(`${name(file)}: line ${k + 1}: ${cells.length} cells, but the header has ${header.length}`);
    }
    const state: Record<string, unknown> = {};
    header.forEach((field, j) => {
      const cell = cells[j];
      if (cell === '') return; // a missing field
      const lower = cell.toLowerCase();
      state[field] = NUMBER.test(cell) ? Number(cell) : lower === 'true' ? true : lower === 'false' ? false : cell;
    });
    states.push(state);
    lines.push(k + 1);
  }
  return { states, lines, text };
}

// ---------------------------------------------------------------- output

function printText(result: VerifyResult, formula: string, file: string, trace: Trace, context: number): void {
  const n = trace.states.length;
  const why = (result.counterexample ?? result.witness) as Explanation;
  out(`${result.satisfied ? 'satisfied' : 'violated'}: ${formula}`);
  out(`  ${why.reason}`);
  if (result.satisfied) {
    out(`  ${name(file)}: ${n} state${n === 1 ? '' : 's'} checked`);
    return;
  }
  out(`  failing: ${why.formula}, decided at step ${why.step} (line ${trace.lines[why.step]})`);
  const [from, to] = why.span;
  out(`  ${name(file)}: ${n} states; the counterexample spans steps ${from}–${to}, lines ${trace.lines[from]}–${trace.lines[to]}:`);
  const shown = to - from + 1 <= 2 * context ? [[from, to]] : [[from, from + context - 1], [to - context + 1, to]];
  const label = (step: number) => `line ${trace.lines[step]} (step ${step})`;
  const width = label(to).length;
  shown.forEach(([a, b], k) => {
    if (k === 1) out(`    ${'...'.padEnd(width)}  (${shown[1][0] - shown[0][1] - 1} more states)`);
    for (let step = a; step <= b; step++) out(`    ${label(step).padEnd(width)}  ${trace.text[trace.lines[step] - 1]}`);
  });
}

function printJson(result: VerifyResult, formula: string, file: string, trace: Trace): void {
  const why = result.counterexample ?? result.witness!;
  const withLines = { ...why, line: trace.lines[why.step], lines: [trace.lines[why.span[0]], trace.lines[why.span[1]]] };
  out(
    JSON.stringify(
      {
        formula,
        file: name(file),
        states: trace.states.length,
        satisfied: result.satisfied,
        ...(result.satisfied ? { witness: withLines } : { counterexample: withLines }),
      },
      null,
      2,
    ),
  );
}
