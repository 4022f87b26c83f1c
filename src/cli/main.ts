// The `midstream` command: `midstream demo` analyses the built-in sample data
// (what `npm start` runs); `midstream analyze data.csv --pattern pattern.csv`
// analyses the user's own files. Results go to stdout, progress and errors to
// stderr. Exit codes (src/cli/errors.ts): 0 success, 1 bad input, 2 a bad
// command line, 70 a bug in midstream (printed with its stack).
import { readFileSync } from 'node:fs';
import { analyzeCommand } from './analyze';
import { check } from './check';
import { SERVE_COMMAND, SERVE_OPTIONS, serveCommand } from './serve';
import { watch, WATCH_COMMAND, WATCH_OPTIONS } from './watch';
import { demoCommand } from './demo';
import { CliUsageError, EXIT_OK, EXIT_USAGE, reportError } from './errors';
import { displayName, quote } from './escape';
import { parseCommandLine, type OptionValues } from './options';
import { flush, out } from './output';

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
  midstream analyze <data.csv> [options]         analyse your own series (- reads stdin)
  midstream check <trace.jsonl|.csv|-> --formula <f>
                                                 check a trace against a temporal-logic rule
                                                 (exit 0 satisfied, 1 violated, 2 bad input;
                                                 midstream check --help for its options)
${WATCH_COMMAND}${SERVE_COMMAND}
Options for analyze:
  --pattern <file.csv>      search the series for this shape (DTW subsequence search)
  --threshold <number>      report windows whose DTW distance is at most this
                            (default: none; the --top best distinct windows are shown)
  --column <n|name>         column of data.csv to read (1-based number or header name)
  --pattern-column <n|name> column of the pattern file to read
  --attractor               also classify the series' attractor (the default without --pattern)
  --dt <seconds>            sampling interval, for the Lyapunov exponent per unit of time (default 1)

${WATCH_OPTIONS}
${SERVE_OPTIONS}
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
with an optional header line; fields may be quoted ("x, mm"); lines may end in
LF, CRLF or CR; blank lines and lines starting with # are skipped.

Exit codes: 0 success, 1 unusable input, 2 a bad command line,
70 an internal error (a bug: please report it with the stack printed).
`;

/**
 * A command: its arguments (after its name) to an exit code, or a promise of one
 * for commands that stream (watch, demo's pipeline part). Each command parses its
 * own options.
 */
type Command = (args: string[]) => number | Promise<number>;

const COMMANDS: Record<string, Command> = {
  demo: (args) => withSharedOptions(args, demoCommand),
  analyze: (args) => withSharedOptions(args, analyzeCommand),
  analyse: (args) => withSharedOptions(args, analyzeCommand),
  check, // its own options and exit codes
  watch,
  serve: serveCommand, // runs until SIGINT/SIGTERM
};

function main(argv: string[]): number | Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) return printUsage(EXIT_USAGE);
  if (name === '-h' || name === '--help' || name === 'help') return printUsage(EXIT_OK);
  if (name === '-v' || name === '--version') return printVersion();
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command) return command(args);
  if (name.startsWith('-')) throw new CliUsageError(`the command comes first, e.g. midstream demo ${displayName(name)}`);
  throw new CliUsageError(`unknown command ${quote(name)}`);
}

/** demo and analyze share one option table (src/cli/options.ts), with --help and --version. */
function withSharedOptions(
  args: string[],
  command: (values: OptionValues, files: string[], version: string) => number | Promise<number>,
): number | Promise<number> {
  const { values, positionals } = parseCommandLine(args);
  if (values.help) return printUsage(EXIT_OK);
  if (values.version) return printVersion();
  return command(values, positionals, VERSION);
}

function printUsage(code: number): number {
  out(USAGE.trimEnd());
  return code;
}

function printVersion(): number {
  out(VERSION);
  return EXIT_OK;
}

// A reader that stops early (`midstream ... | head -1`) closes the pipe: stop
// quietly, as a pipe's writer does, instead of an unhandled EPIPE stack.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') process.exit(process.exitCode ?? EXIT_OK);
  throw error;
});
process.stderr.on('error', () => {}); // nowhere left to report it

function finish(code: number): void {
  flush();
  process.exitCode = code;
}

function fail(error: unknown): void {
  flush();
  process.exitCode = reportError(error, (text) => process.stderr.write(text));
}

try {
  const result = main(process.argv.slice(2));
  if (typeof result === 'number') finish(result);
  else result.then(finish, fail);
} catch (error) {
  fail(error);
}
