// The `midstream` command, run as users run it: `node dist/cli.mjs ...` in a
// child process. Printed numbers are checked against the library in Node.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as node from '../../dist/index.mjs';
import { lorenz, motifSignal } from '../../dist/samples.mjs';
import { randomWalk, seededRandom } from '../support/random';
import { CLI, cliWorkspace, ROOT, tableRows } from './support';

const workspace = cliWorkspace();
const file = workspace.file;
const run = (...args: string[]) => workspace.run(args);

/** Best-first matches of which no two overlap, as the CLI reports them. */
function distinct(matches: Array<{ index: number; distance: number }>, length: number) {
  const chosen: typeof matches = [];
  for (const m of matches) if (chosen.every((c) => Math.abs(c.index - m.index) >= length)) chosen.push(m);
  return chosen;
}

describe('package wiring', () => {
  it('bin points at dist/cli.mjs, an executable node script; npm start runs the demo', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.bin).toEqual({ midstream: 'dist/cli.mjs' });
    expect(pkg.scripts.start).toBe('node dist/cli.mjs demo');
    expect(readFileSync(CLI, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(statSync(CLI).mode & 0o111).not.toBe(0);
  });
});

describe('midstream demo (npm start)', () => {
  const sample = motifSignal();
  const m = sample.pattern.length;
  const expected = distinct(node.findSimilar(sample.series, sample.pattern, 32, { window: 0.1 }), m);

  it('prints the distinct matches with positions and distances, as findSimilar finds them', () => {
    const { code, stdout, stderr } = run('demo');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('1. Pattern search in a noisy periodic signal');
    expect(stdout).toContain('findSimilar, DTW with absolute cost, Sakoe-Chiba band 10% (8 points), threshold 32');
    const rows = tableRows(stdout);
    expect(rows.map((r) => r[1])).toEqual(expected.map((e) => e.index));
    rows.forEach(([rank, , distance], k) => {
      expect(rank).toBe(k + 1);
      expect(distance).toBeCloseTo(expected[k].distance, 4);
    });
    expect(stdout).toContain(`${sample.embedded.length} of ${sample.embedded.length} embedded occurrences found`);
    expect(stdout).toContain('2. Attractor of the Lorenz system');
  });

  it('--json gives the same numbers in full precision', () => {
    const { code, stdout } = run('demo', '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.motifSignal.search.matches).toEqual(expected);
    expect(report.motifSignal.embedded).toEqual(sample.embedded);
    expect(report.lorenz.points).toBe(lorenz().x.length);
  });

  it('classifies the Lorenz attractor and the periodic signal as classifyAttractor does', () => {
    const { code, stdout } = run('demo');
    expect(code).toBe(0);
    const lorenzResult = node.classifyAttractor(lorenz().x, { dt: 0.01 });
    const periodicResult = node.classifyAttractor(sample.series, { dt: 1 });
    const part2 = stdout.slice(stdout.indexOf('2. Attractor of the Lorenz system'), stdout.indexOf('3. Attractor'));
    const part3 = stdout.slice(stdout.indexOf('3. Attractor'));
    for (const [text, result] of [[part2, lorenzResult], [part3, periodicResult]] as const) {
      expect(text).toContain(`class     ${result.type}, confidence ${Math.round(result.confidence * 100)}%`);
      expect(text).toContain(`largest exponent ${result.lyapunovExponent.toFixed(3)} per unit time`);
      expect(text).toContain(`embedding dimension ${result.dimension}, delay ${result.delay} samples`);
      for (const reason of result.reasons) expect(text).toContain(`- ${reason}`);
    }
    expect(lorenzResult.type).toBe('chaotic');
    expect(part2).toContain(`correlation dimension ${lorenzResult.correlationDimension.toFixed(3)}; published: 2.05`);
    const json = JSON.parse(run('demo', '--json').stdout);
    expect(json.lorenz.attractor.classification).toEqual(JSON.parse(JSON.stringify(lorenzResult)));
  });

  it('--progress reports progress on stderr, never on stdout', () => {
    const { code, stdout, stderr } = run('demo', '--progress');
    expect(code).toBe(0);
    expect(stderr).toMatch(/^searching: 0%$/m);
    expect(stderr).toMatch(/^searching: 100%$/m);
    expect(stdout).not.toContain('searching');
  });
});

describe('midstream analyze', () => {
  const random = seededRandom(2024);
  const series = Array.from(randomWalk(random, 1500));
  const pattern = series.slice(700, 740).map((x) => x + (random() - 0.5) * 0.1);
  file('walk.csv', series.map((x) => x.toPrecision(17)).join('\n') + '\n');
  file('pattern.csv', 'value\n' + pattern.map((x) => x.toPrecision(17)).join('\n') + '\n');
  file('table.csv', 'time;x;level\n' + series.map((x, t) => `${t};${x.toPrecision(17)};${(x * 2).toFixed(3)}`).join('\n') + '\n');

  it('finds the planted pattern in a one-column file (the README command)', () => {
    const threshold = 2;
    const expected = distinct(node.findSimilar(series, pattern, threshold), pattern.length);
    const { code, stdout, stderr } = run('analyze', 'walk.csv', '--pattern', 'pattern.csv', '--threshold', String(threshold));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('series    walk.csv: 1500 points (column 1)');
    expect(stdout).toContain('pattern   pattern.csv: 40 points (value)');
    expect(expected[0].index).toBe(700);
    const rows = tableRows(stdout);
    expect(rows.map((r) => r[1])).toEqual(expected.map((e) => e.index));
    rows.forEach(([, , d], k) => expect(d).toBeCloseTo(expected[k].distance, 4));
    expect(stdout).toMatch(/^\s+1\s+700\s+[\d.]+\s+line 701$/m); // one value per line: index 700 is line 701
  });

  it('reads a column by header name or number, with band and squared cost; --json has every match', () => {
    const options = { window: 4, cost: 'squared' as const };
    const all = node.findSimilar(series, pattern, 1, options);
    for (const column of ['x', '2']) {
      const { code, stdout } = run('analyze', 'table.csv', '--column', column, '--pattern', 'pattern.csv', '--threshold', '1', '--window', '4', '--cost', 'squared', '--all', '--json');
      expect(code).toBe(0);
      const report = JSON.parse(stdout);
      expect(report.series).toEqual({ file: 'table.csv', column: 'x', points: 1500 });
      expect(report.search.withinThreshold).toBe(all.length);
      expect(report.search.matches.map(({ index, distance }: { index: number; distance: number }) => ({ index, distance }))).toEqual(all);
      expect(report.search.matches[0].line).toBe(all[0].index + 2); // header on line 1
    }
  });

  it('without --threshold, shows the best distinct windows', () => {
    const { code, stdout } = run('analyze', 'walk.csv', '--pattern', 'pattern.csv', '--top', '3', '--window', '4');
    expect(code).toBe(0);
    const expected = distinct(node.findSimilar(series, pattern, Infinity, { window: 4 }), pattern.length).slice(0, 3);
    expect(tableRows(stdout).map((r) => r[1])).toEqual(expected.map((e) => e.index));
  });

  it('says so when nothing is within the threshold', () => {
    const { code, stdout } = run('analyze', 'walk.csv', '--pattern', 'pattern.csv', '--threshold', '0');
    expect(code).toBe(0);
    expect(stdout).toContain('0 within the threshold, 0 distinct matches');
    expect(stdout).toContain('no window is within the threshold');
  });
});

describe('midstream analyze: attractor', () => {
  it('without --pattern, classifies the series (with --dt)', () => {
    const x = lorenz({ steps: 3000 }).x;
    file('lorenz.csv', 'x\n' + Array.from(x, (v) => v.toPrecision(17)).join('\n') + '\n');
    const { code, stdout } = run('analyze', 'lorenz.csv', '--dt', '0.01', '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.attractor.classification).toEqual(JSON.parse(JSON.stringify(node.classifyAttractor(x, { dt: 0.01 }))));
    const text = run('analyze', 'lorenz.csv', '--dt', '0.01').stdout;
    expect(text).toContain(`class     ${report.attractor.classification.type}`);
  });
});

describe('bad input is reported clearly', () => {
  const lines = Array.from({ length: 16 }, (_, i) => String(i + 1));
  file('bad.csv', [...lines, 'abc', '18'].join('\n') + '\n');
  file('p3.csv', '1\n2\n3\n');
  file('multi.csv', 'time,x,y\n0,1,5\n1,2,6\n2,3,7\n');
  file('short-row.csv', 'a,b\n1,2\n3\n');
  file('empty.csv', '\n\n');

  const cases: Array<[string, string[], number, string | RegExp]> = [
    ['a non-numeric cell, with its line', ['analyze', 'bad.csv', '--pattern', 'p3.csv'], 1, 'midstream: error: bad.csv: line 17: "abc" is not a number\n'],
    ['a missing data file, by its path', ['analyze', 'missing.csv', '--pattern', 'p3.csv'], 1, 'midstream: error: cannot read missing.csv: no such file\n'],
    ['a missing pattern file', ['analyze', 'p3.csv', '--pattern', 'nope/pattern.csv'], 1, 'midstream: error: cannot read nope/pattern.csv: no such file\n'],
    ['a directory', ['analyze', '.', '--pattern', 'p3.csv'], 1, 'midstream: error: cannot read .: it is a directory\n'],
    ['several columns and no --column', ['analyze', 'multi.csv', '--pattern', 'p3.csv'], 1, /multi\.csv: has 3 columns \("time", "x", "y"\); choose one with --column/],
    ['an unknown column name', ['analyze', 'multi.csv', '--column', 'z', '--pattern', 'p3.csv'], 1, 'midstream: error: multi.csv: no column named "z"; the header has "time", "x", "y"\n'],
    ['a column number out of range', ['analyze', 'multi.csv', '--column', '4', '--pattern', 'p3.csv'], 1, /--column 4 is out of range; the file has 3 columns/],
    ['a short row', ['analyze', 'short-row.csv', '--column', 'b', '--pattern', 'p3.csv'], 1, 'midstream: error: short-row.csv: line 3: has 1 cell, so no b\n'],
    ['an empty file', ['analyze', 'empty.csv', '--pattern', 'p3.csv'], 1, 'midstream: error: empty.csv: no numbers found (the file is empty)\n'],
    ['a bad cell in the pattern file', ['analyze', 'p3.csv', '--pattern', 'bad.csv'], 1, /line 17: "abc" is not a number/],
    ['a pattern longer than the series', ['analyze', 'multi.csv', '--column', 'x', '--pattern', 'walk.csv'], 1, /the pattern walk\.csv \(1500 points\) is longer than the series multi\.csv \(3 points\)/],
    ['a bad threshold', ['analyze', 'p3.csv', '--pattern', 'p3.csv', '--threshold', 'two'], 2, /--threshold must be a number >= 0, got "two"/],
    ['a bad band, checked by the CLI', ['analyze', 'p3.csv', '--pattern', 'p3.csv', '--window', '1.5'], 2, /^midstream: --window must be a whole number of points or a fraction in \(0, 1\), got "1\.5"\n/],
    ['an unknown option', ['analyze', 'p3.csv', '--colum', '2'], 2, /Unknown option '--colum'/],
    ['an unknown command', ['analyse-this'], 2, /unknown command "analyse-this"/],
  ];
  for (const [what, args, code, message] of cases) {
    it(`${what}: exit ${code}`, () => {
      const result = run(...args);
      expect(result.code).toBe(code);
      expect(result.stdout).toBe('');
      if (typeof message === 'string') expect(result.stderr).toBe(message);
      else expect(result.stderr).toMatch(message);
    });
  }

  it('--help and --version', () => {
    expect(run('--help').stdout).toContain('midstream analyze <data.csv> [options]');
    expect(run('--version').stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    const none = run();
    expect(none.code).toBe(2);
    expect(none.stdout).toContain('Usage:');
  });
});
