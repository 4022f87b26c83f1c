// Issue #17 item 17: CLI error messages echoed file content raw (ANSI/OSC
// escapes and NUL reached the terminal, a 100 MB cell was echoed whole);
// `| head` gave an unhandled EPIPE stack; `--window 1.5` blamed
// `findSimilar: options.window`; a quoted header "x, mm" and CR-only line
// endings gave misleading errors; `-` did not mean stdin.
import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import * as node from '../../dist/index.mjs';
import { randomWalk, seededRandom } from '../support/random';
import { CLI, cliWorkspace, tableRows } from '../cli/support';

const { dir, file, run } = cliWorkspace();
file('p.csv', '1\n2\n3\n');

/** Control characters a terminal acts on: C0 (but the final newline), DEL, C1. */
const TERMINAL_CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe('#17.17 echoed input is escaped and truncated', () => {
  const hostile: Array<[string, string]> = [
    ['an ANSI colour and an OSC title', '\u001b[31mred\u001b]0;owned\u0007'],
    ['a NUL and a backspace', 'a\u0000b\u0008c'],
    ['a C1 control (CSI as one code point) and a carriage return', '\u009b2Jx\rdone'],
  ];
  for (const [what, cell] of hostile) {
    it(`${what} in a cell`, () => {
      const name = file('hostile.csv', `1\n${cell}\n`);
      const result = run(['analyze', name, '--pattern', 'p.csv']);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^midstream: error: hostile\.csv: line 2: ".*" is not a number\n$/);
      expect(result.stderr.slice(0, -1)).not.toMatch(TERMINAL_CONTROLS);
    });
  }

  it('the escapes are readable: \\u001b, \\u0000', () => {
    const name = file('hostile.csv', '1\n\u001b[31m\u0000\n');
    expect(run(['analyze', name, '--pattern', 'p.csv']).stderr).toContain('"\\u001b[31m\\u0000" is not a number');
  });

  it('in a header name, a column name, a file name and an unknown command', () => {
    file('header.csv', 'a\u001b[2J,b\n1,2\n');
    const results = [
      run(['analyze', 'header.csv', '--pattern', 'p.csv']),
      run(['analyze', 'header.csv', '--column', 'z\u001b]0;t\u0007', '--pattern', 'p.csv']),
      run(['analyze', 'missing\u001b[2J.csv', '--pattern', 'p.csv']),
      run(['analyze\u001b[2J']),
      run(['analyze', 'p.csv', '--pattern', 'p.csv', '--threshold', 'x\u001b[2J']),
      run(['analyze', 'p.csv', '--\u001b[2Jx']),
    ];
    for (const result of results) {
      expect(result.code === 1 || result.code === 2, result.stderr).toBe(true);
      expect(result.stderr.replace(/\n/g, ''), result.stderr).not.toMatch(TERMINAL_CONTROLS);
      expect(result.stderr).toContain('\\u001b');
    }
  });

  it('a 20 MB cell is not echoed whole', () => {
    const name = file('huge.csv', '1\n' + 'z'.repeat(20 << 20) + '\n');
    const result = run(['analyze', name, '--pattern', 'p.csv']);
    expect(result.code).toBe(1);
    expect(result.stderr.length).toBeLessThan(300);
    expect(result.stderr).toMatch(/line 2: "z+…" \(20971520 characters\) is not a number/);
  });
});

describe('#17.17 the CLI names its own options', () => {
  const cases: Array<[string[], RegExp]> = [
    [['--window', '1.5'], /^midstream: --window must be a whole number of points or a fraction in \(0, 1\), got "1\.5"\n/],
    [['--window=-2'], /^midstream: --window must be/],
    [['--window', 'NaN'], /^midstream: --window must be/],
    [['--top', '0'], /^midstream: --top must be a whole number >= 1, got "0"\n/],
    [['--top', '2.5'], /^midstream: --top must be a whole number >= 1, got "2\.5"\n/],
    [['--cost', 'cubic'], /^midstream: --cost must be absolute or squared, got "cubic"\n/],
    [['--threshold=-1'], /^midstream: --threshold must be a number >= 0, got "-1"\n/],
  ];
  for (const [option, message] of cases) {
    it(`${option.join(' ')}: exit 2, naming ${option[0].split('=')[0]}`, () => {
      const result = run(['analyze', 'p.csv', '--pattern', 'p.csv', ...option]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toContain('findSimilar');
    });
  }
});

describe('#17.17 CSV as spreadsheets write it (RFC 4180) and stdin', () => {
  const random = seededRandom(17);
  const x = Array.from(randomWalk(random, 300), (v) => Number(v.toFixed(6)));
  const pattern = x.slice(120, 140);
  file('pattern.csv', pattern.join('\n'));
  const expected = node.findSimilar(x, pattern, Infinity, { exclusion: 0, limit: 5 });

  const dialects: Array<[string, string, string[]]> = [
    ['a quoted header with a comma in it', '"time, s","x, mm"\n' + x.map((v, t) => `${t},${v}`).join('\n') + '\n', ['--column', 'x, mm']],
    ['the same, chosen by number', '"time, s","x, mm"\n' + x.map((v, t) => `${t},${v}`).join('\n') + '\n', ['--column', '2']],
    ['quoted numbers and an escaped quote in the header', '"t","x ""raw"""\n' + x.map((v, t) => `"${t}","${v}"`).join('\n') + '\n', ['--column', 'x "raw"']],
    ['CR-only line endings (classic Mac)', 'x\r' + x.join('\r') + '\r', []],
    ['CRLF line endings', 'x\r\n' + x.join('\r\n') + '\r\n', []],
    ['mixed endings, no final newline', 'x\n' + x.slice(0, 100).join('\r\n') + '\r' + x.slice(100).join('\n'), []],
    ['semicolons with a quoted field holding a semicolon', '"a;b";x\n' + x.map((v, t) => `"${t};";${v}`).join('\n') + '\n', ['--column', 'x']],
  ];
  for (const [what, text, options] of dialects) {
    it(what, () => {
      const name = file('dialect.csv', text);
      const result = run(['analyze', name, '--pattern', 'pattern.csv', '--top', '5', ...options]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(tableRows(result.stdout).map((r) => r[1])).toEqual(expected.map((e) => e.index));
    });
  }

  it('a line number counts CR, LF and CRLF each as one line end', () => {
    const result = run(['analyze', file('lines.csv', '1\r2\r\n3\n"4\n5"\r6\rbad\n'), '--pattern', 'p.csv']);
    expect(result.stderr).toContain('lines.csv: line 4: "4\\n5" is not a number'); // a quoted field may hold a line break
    const bad = run(['analyze', file('lines2.csv', '1\r2\r\n3\nbad\r5\n'), '--pattern', 'p.csv']);
    expect(bad.stderr).toContain('lines2.csv: line 4: "bad" is not a number');
  });

  it('- reads the series from stdin', () => {
    const result = run(['analyze', '-', '--pattern', 'pattern.csv', '--top', '5', '--json'], { input: x.join('\n') + '\n' });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.series).toEqual({ file: '-', column: 'column 1', points: x.length });
    expect(report.search.matches.map((m: { index: number }) => m.index)).toEqual(expected.map((e) => e.index));
  });

  it('- reads the pattern from stdin; both from stdin is a usage error', () => {
    file('series.csv', x.join('\n'));
    const result = run(['analyze', 'series.csv', '--pattern', '-', '--top', '5'], { input: pattern.join('\n') });
    expect(result.code).toBe(0);
    expect(tableRows(result.stdout).map((r) => r[1])).toEqual(expected.map((e) => e.index));
    const both = run(['analyze', '-', '--pattern', '-'], { input: '1\n2\n' });
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/only one of the data file and --pattern can be - \(stdin\)/);
  });
});

describe('#17.17 a closed stdout (| head -1) ends the command quietly', () => {
  // About 60,000 lines of output, far more than a pipe buffer holds.
  const random = seededRandom(170);
  file('walk.csv', Array.from(randomWalk(random, 60_000), (v) => v.toFixed(4)).join('\n'));
  file('p8.csv', Array.from(randomWalk(random, 8), (v) => v.toFixed(4)).join('\n'));

  it('no stack trace and exit code 0 when the reader goes away', async () => {
    const child = spawn(process.execPath, [CLI, 'analyze', 'walk.csv', '--pattern', 'p8.csv', '--threshold', '1e9', '--all', '--top', '100000'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    child.stdout.once('data', () => child.stdout.destroy()); // like head -1: read a little, then close
    const code = await new Promise<number | null>((done, fail) => {
      const timer = setTimeout(() => {
        child.kill();
        fail(new Error('still running after 30 s'));
      }, 30_000);
      child.on('exit', (exitCode) => {
        clearTimeout(timer);
        done(exitCode);
      });
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('the same through a shell pipe', () => {
    const result = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" analyze walk.csv --pattern p8.csv --threshold 1e9 --all --top 100000 | head -1`], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n')).toHaveLength(2);
  });
});
