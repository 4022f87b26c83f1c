// What the CLI tells apart when something goes wrong, and the exit codes:
//   0  success
//   1  the input cannot be used (a file that cannot be read, a cell that is not
//      a number, too few points for the analysis: the library's InsufficientDataError)
//   2  the command line is wrong (an unknown option, a bad option value)
//   70 a bug in midstream (EX_SOFTWARE in sysexits.h): anything else, printed
//      with its stack so it can be reported
import { InsufficientDataError } from '../index';
import { printable } from './escape';

export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 1;
export const EXIT_USAGE = 2;
export const EXIT_BUG = 70;

/** A mistake on the command line: an unknown command or option, a bad option value. */
export class CliUsageError extends Error {
  override name = 'CliUsageError';
}

/** Input the CLI cannot use: an unreadable file, a cell that is not a number, a missing column. */
export class CliInputError extends Error {
  override name = 'CliInputError';
}

/** Prints `error` for the user and returns the exit code. */
export function reportError(error: unknown, write: (text: string) => void): number {
  if (error instanceof CliUsageError) {
    write(`midstream: ${printable(error.message)}\nRun "midstream --help" for the commands and options.\n`);
    return EXIT_USAGE;
  }
  if (error instanceof CliInputError || error instanceof InsufficientDataError) {
    write(`midstream: error: ${printable(error.message)}\n`);
    return EXIT_BAD_INPUT;
  }
  const details = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  write(`midstream: internal error: a bug in midstream; please report it with the command you ran.\n${printable(details, 4000)}\n`);
  return EXIT_BUG;
}
