// `midstream watch`, run as users run it (node dist/cli.mjs in a child
// process): the events it prints are those of the parts called directly, and
// `-` reads a live feed from stdin, printing events before the feed ends.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { StreamMatcher } from '../../dist/index.mjs';
import { monitor } from '../../src/logic/index';
import { seededRandom } from '../support/random';

const CLI = fileURLToPath(new URL('../../dist/cli.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'midstream-watch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [CLI, 'watch', ...args], { cwd: dir, encoding: 'utf8', input });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const random = seededRandom(8);
const SPIKE = [0, 2, 4, 6, 8, 8, 6, 4, 2, 0];
const data = Array.from({ length: 3000 }, (_, t) => (t % 700 >= 300 && t % 700 < 310 ? SPIKE[t % 700 - 300] : Math.sin(t / 6) + 0.2 * (random() - 0.5)));
const text = (values: number[]) => values.map((x) => x.toFixed(6)).join('\n') + '\n';
writeFileSync(join(dir, 'data.csv'), `x\n${text(data)}`);
writeFileSync(join(dir, 'spike.csv'), text(SPIKE));
const parsed = data.map((x) => Number(x.toFixed(6)));

describe('midstream watch', () => {
  it('--json: one event per line, the matches and verdicts of StreamMatcher and monitor called directly', () => {
    const { code, stdout, stderr } = run(['data.csv', '--pattern', 'spike.csv', '--threshold', '4', '--rule', 'G (x < 5)', '--rule', 'F match.spike', '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const events = stdout.trim().split('\n').map((line) => JSON.parse(line));
    const matcher = new StreamMatcher(SPIKE, { threshold: 4 });
    const small = monitor('G (x < 5)');
    const expected: object[] = [];
    let smallDone = false;
    parsed.forEach((x, t) => {
      for (const m of matcher.push(x)) expected.push({ type: 'match', step: t, pattern: 'spike', ...m });
      if (!smallDone && small.push({ x }) !== 'unknown') {
        smallDone = true;
        expected.push({ type: 'verdict', step: t, rule: 'G (x < 5)', verdict: small.verdict, counterexample: small.counterexample });
      }
    });
    for (const m of matcher.flush()) expected.push({ type: 'match', step: parsed.length - 1, pattern: 'spike', ...m });
    expect(events.filter((e) => e.type === 'match' || e.rule === 'G (x < 5)')).toEqual(expected);
    expect(expected.filter((e) => (e as { type: string }).type === 'match')).toHaveLength(4);
    const firstMatch = events.find((e) => e.type === 'match');
    expect(events.find((e) => e.rule === 'F match.spike')).toEqual({ type: 'verdict', step: firstMatch.step, rule: 'F match.spike', verdict: 'true' });
    expect(events.at(-1)).toMatchObject({ type: 'summary', samples: 3000, matches: { spike: 4 } });
  });

  it('text output: a line per event, the summary last', () => {
    const { code, stdout } = run(['data.csv', '--pattern', 'spike.csv', '--threshold', '4']);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines.filter((l) => /^match +step +\d+ +spike at samples \d+\.\.\d+, DTW distance /.test(l))).toHaveLength(4);
    expect(lines.at(-1)).toBe('summary  3000 samples; matches: 4 spike; regime: none (0 changes)');
  });

  it('--regime: regime changes come from the analysis in a worker', () => {
    const { code, stdout } = run(['data.csv', '--regime', '--regime-window', '1000', '--every', '1000', '--json']);
    expect(code).toBe(0);
    const regimes = stdout.trim().split('\n').map((l) => JSON.parse(l)).filter((e) => e.type === 'regime');
    expect(regimes.length).toBeGreaterThan(0);
    expect(regimes[0]).toMatchObject({ step: 999, previous: null, window: [0, 999] });
  });

  it('- reads a live feed from stdin: events are printed while the feed is still open', async () => {
    const child = spawn(process.execPath, [CLI, 'watch', '-', '--pattern', 'spike.csv', '--threshold', '4', '--json'], { cwd: dir });
    let stdout = '';
    const firstEvent = new Promise<void>((resolve) => child.stdout.on('data', (chunk) => ((stdout += chunk), resolve())));
    child.stdin.write(text(data.slice(0, 400))); // one spike (at 300), and room for the matcher to decide it
    await firstEvent;
    expect(JSON.parse(stdout.split('\n')[0])).toMatchObject({ type: 'match', pattern: 'spike', start: 300, end: 309 });
    child.stdin.end(text(data.slice(400)));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toMatchObject({ type: 'summary', samples: 3000 });
  });

  it('bad input: a rule naming an unknown column, a non-number line, a missing file, a bad command line', () => {
    expect(run(['data.csv', '--rule', 'G (y < 5)'])).toMatchObject({ code: 1, stderr: expect.stringContaining("names 'y', which is not a field") });
    writeFileSync(join(dir, 'bad.csv'), '1\n2\nthree\n4\n');
    expect(run(['bad.csv'])).toMatchObject({ code: 1, stderr: expect.stringContaining('bad.csv: line 3: "three" is not a number') });
    expect(run(['nope.csv'])).toMatchObject({ code: 1, stderr: expect.stringContaining('cannot read nope.csv: no such file') });
    expect(run(['data.csv', '--pattern', 'spike.csv'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--pattern and --threshold go together') });
    expect(run([])).toMatchObject({ code: 2 });
    expect(run(['data.csv', '--every', '5'])).toMatchObject({ code: 2, stderr: expect.stringContaining('need --regime') });
  });
});
