// Issue #14 item 9 (CLI part): the CLI used to report every TypeError and
// RangeError, program bugs included, as bad input with exit 1. Now only its own
// CliUsageError (exit 2) and CliInputError (exit 1) and the library's
// InsufficientDataError (exit 1) are user errors; anything else is a bug,
// printed with its stack, exit 70.
import { describe, expect, it } from 'vitest';
import * as node from '../../dist/index.mjs';
import { CliInputError, CliUsageError, EXIT_BAD_INPUT, EXIT_BUG, EXIT_USAGE, reportError } from '../../src/cli/errors';
import { InsufficientDataError } from '../../src/index';
import { cliWorkspace } from './support';

function report(error: unknown): { code: number; text: string } {
  let text = '';
  const code = reportError(error, (t) => (text += t));
  return { code, text };
}

const STACK_LINE = /^\s+at .+$/m;

describe('reportError: user errors by class, everything else a bug', () => {
  it('CliUsageError: exit 2, the message and a pointer to --help, no stack', () => {
    const { code, text } = report(new CliUsageError('--top must be a whole number >= 1, got "0"'));
    expect(code).toBe(EXIT_USAGE);
    expect(code).toBe(2);
    expect(text).toBe('midstream: --top must be a whole number >= 1, got "0"\nRun "midstream --help" for the commands and options.\n');
  });

  it('CliInputError and InsufficientDataError: exit 1, the message, no stack', () => {
    for (const error of [new CliInputError('data.csv: line 3: "x" is not a number'), new InsufficientDataError('classifyAttractor: series has 5 points; needs at least 45', 45, 5)]) {
      const { code, text } = report(error);
      expect(code).toBe(EXIT_BAD_INPUT);
      expect(code).toBe(1);
      expect(text).toBe(`midstream: error: ${error.message}\n`);
    }
  });

  it('TypeError, RangeError, a plain Error and a thrown string: exit 70 with the stack', () => {
    for (const error of [new TypeError('x.map is not a function'), new RangeError('Invalid typed array length: -1'), new Error('unexpected'), 'a string']) {
      const { code, text } = report(error);
      expect(code).toBe(EXIT_BUG);
      expect(code).toBe(70);
      expect(text).toMatch(/^midstream: internal error: a bug in midstream; please report it/);
      if (error instanceof Error) {
        expect(text).toContain(`${error.name}: ${error.message}`);
        expect(text).toMatch(STACK_LINE);
      } else {
        expect(text).toContain('a string');
      }
    }
  });

  it('a message with terminal escapes is printed escaped', () => {
    const { text } = report(new CliInputError('bad \u001b[2J cell'));
    expect(text).toBe('midstream: error: bad \\u001b[2J cell\n');
  });
});

describe('the built CLI, end to end', () => {
  const { file, run } = cliWorkspace();
  file('p.csv', '1\n2\n3\n');
  file('bad.csv', '1\nx\n');
  file('short.csv', '1\n2\n3\n4\n5\n');

  it('a bad option value: exit 2, no stack', () => {
    const result = run(['analyze', 'p.csv', '--pattern', 'p.csv', '--top', '0']);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(STACK_LINE);
  });

  it('a bad cell: exit 1, no stack', () => {
    const result = run(['analyze', 'bad.csv', '--pattern', 'p.csv']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('midstream: error: bad.csv: line 2: "x" is not a number\n');
  });

  it('a series too short to classify: exit 1 when the library says InsufficientDataError', () => {
    let thrown: unknown;
    try {
      node.classifyAttractor([1, 2, 3, 4, 5]);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RangeError);
    const result = run(['analyze', 'short.csv']);
    if (thrown instanceof node.InsufficientDataError) {
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`midstream: error: ${(thrown as Error).message}\n`);
    } else {
      // A library that still throws a plain RangeError here is treated as a bug.
      expect(result.code).toBe(70);
      expect(result.stderr).toContain(`RangeError: ${(thrown as Error).message}`);
    }
  });

  for (const kind of ['TypeError', 'RangeError']) {
    it(`a ${kind} from a bug (injected into JSON.stringify): exit 70 with the stack`, () => {
      const inject = `data:text/javascript,JSON.stringify=()=>{throw new ${kind}("injected bug")}`;
      const result = run(['demo', '--json'], { nodeArgs: ['--import', inject] });
      expect(result.code).toBe(70);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^midstream: internal error: a bug in midstream; please report it with the command you ran\.\n/);
      expect(result.stderr).toContain(`${kind}: injected bug`);
      expect(result.stderr).toMatch(/^\s+at demoCommand /m);
    });
  }
});
