// The command line: one table of options for every command, and checks that
// name the CLI's own option (`--window must be ...`), so no library message about
// `options.window` reaches the user for a value the CLI was given.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseDecimal } from './csv';
import { CliUsageError } from './errors';
import { quote } from './escape';
import type { ProgressMode } from './progress';

const OPTIONS = {
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
} as const;

export type OptionValues = ReturnType<typeof parseCommandLine>['values'];

/** The options and positional arguments of demo's and analyze's arguments. */
export function parseCommandLine(args: string[]) {
  return parseOptions(args, OPTIONS);
}

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<T extends Options> = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; strict: true; options: T }>>;

/** A command's own options (strict) and positional arguments; a CliUsageError for what it does not know. */
export function parseOptions<const T extends Options>(args: string[], options: T): Parsed<T> {
  try {
    return parseArgs({ args, allowPositionals: true, strict: true, options });
  } catch (error) {
    // node:util's message quotes the option as typed; reportError escapes it.
    throw new CliUsageError((error as Error).message);
  }
}

/** Options every command takes. */
export interface CommonOptions {
  /** Sakoe-Chiba band: whole points, or a fraction in (0, 1) of the pattern length. */
  window?: number;
  cost: 'absolute' | 'squared';
  top: number;
  all: boolean;
  json: boolean;
  progress: ProgressMode;
}

export function commonOptions(values: OptionValues): CommonOptions {
  return {
    window: values.window === undefined ? undefined : windowOption(values.window),
    cost: costOption(values.cost),
    top: values.top === undefined ? 20 : integerOption('--top', values.top, 1),
    all: values.all ?? false,
    json: values.json ?? false,
    progress: values['no-progress'] ? 'off' : values.progress ? 'lines' : process.stderr.isTTY ? 'bar' : 'off',
  };
}

/** A finite decimal number, or a CliUsageError that names the option. */
function decimal(name: string, text: string, expected: string): number {
  const value = parseDecimal(text.trim());
  if (value === undefined || !Number.isFinite(value)) throw new CliUsageError(`${name} must be ${expected}, got ${quote(text)}`);
  return value;
}

export function numberOption(name: string, text: string, min: number): number {
  const value = decimal(name, text, `a number >= ${min}`);
  if (value < min) throw new CliUsageError(`${name} must be a number >= ${min}, got ${quote(text)}`);
  return value;
}

export function positiveOption(name: string, text: string): number {
  const value = decimal(name, text, 'a number > 0');
  if (!(value > 0)) throw new CliUsageError(`${name} must be a number > 0, got ${quote(text)}`);
  return value;
}

export function integerOption(name: string, text: string, min: number): number {
  const expected = `a whole number >= ${min}`;
  const value = decimal(name, text, expected);
  if (!Number.isInteger(value) || value < min) throw new CliUsageError(`${name} must be ${expected}, got ${quote(text)}`);
  return value;
}

/** --window: whole points (0 or more) or a fraction in (0, 1), as findSimilar's `window`. */
export function windowOption(text: string): number {
  const expected = 'a whole number of points or a fraction in (0, 1)';
  const value = decimal('--window', text, expected);
  if (!(Number.isInteger(value) && value >= 0) && !(value > 0 && value < 1)) {
    throw new CliUsageError(`--window must be ${expected}, got ${quote(text)}`);
  }
  return value;
}

export function costOption(text: string | undefined): 'absolute' | 'squared' {
  if (text === undefined || text === 'absolute' || text === 'squared') return text ?? 'absolute';
  throw new CliUsageError(`--cost must be absolute or squared, got ${quote(text)}`);
}
