// `midstream check`, run as users run it: node dist/cli.mjs in a child process.
// Verdicts and steps are checked against the library's verify in Node.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import * as node from '../../dist/index.mjs';
import { seededRandom } from '../support/random';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'dist/cli.mjs');
const dir = mkdtempSync(join(tmpdir(), 'midstream-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [CLI, 'check', ...args], { cwd: dir, encoding: 'utf8', input });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function file(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return name;
}

// Requests at steps 5 and 17; grants at 10 and from 90 on; time t = 2 x step.
const states = Array.from({ length: 100 }, (_, i) => ({ t: 2 * i, req: i === 5 || i === 17, grant: i === 10 || i >= 90 }));
const jsonl = file('trace.jsonl', states.map((s) => JSON.stringify(s)).join('\n') + '\n');
// A comment line and a blank line shift the CSV's lines: step k is line k + 4.
const csv = file('trace.csv', `# requests and grants\nt,req,grant\n\n${states.map((s) => `${s.t},${s.req},${s.grant}`).join('\n')}\n`);
const RULE = 'G (req -> F[0,50] grant)';

describe('midstream check', () => {
  it('prints a violation with the counterexample and the offending input lines, exit 1', () => {
    const { code, stdout, stderr } = run([jsonl, '--formula', RULE]);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe(`violated: ${RULE}`);
    expect(lines[1]).toBe('  at step 17 req holds and grant does not hold in steps 17–67');
    expect(lines[2]).toBe('  failing: req -> F[0,50] grant, decided at step 67 (line 68)');
    expect(stdout).toContain('the counterexample spans steps 17–67, lines 18–68:');
    // The first and last 5 states of the span, with their line, step and text.
    expect(stdout).toContain(`line 18 (step 17)  ${JSON.stringify(states[17])}`);
    expect(stdout).toContain(`line 22 (step 21)  ${JSON.stringify(states[21])}`);
    expect(stdout).toContain('(41 more states)');
    expect(stdout).toContain(`line 68 (step 67)  ${JSON.stringify(states[67])}`);
    expect(stdout).not.toContain('(step 22)');
  });

  it('reads CSV with a header, bounds in time units with --timestamp, and --json', () => {
    const { code, stdout } = run([csv, '-f', RULE, '--timestamp', 't', '--json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    const expected = node.verify(RULE, states, { timestamp: 't' });
    expect(report).toEqual({
      formula: RULE,
      file: csv,
      states: 100,
      satisfied: false,
      counterexample: { ...expected.counterexample, line: expected.counterexample!.step + 4, lines: [17 + 4, 42 + 4] },
    });
    expect(report.counterexample.span).toEqual([17, 42]);
  });

  it('reads stdin with -, prints the witness of a satisfied formula, exit 0', () => {
    const { code, stdout } = run(['-', '-f', 'F grant && G (grant -> O req)'], states.map((s) => JSON.stringify(s)).join('\n'));
    expect(code).toBe(0);
    expect(stdout).toBe('satisfied: F grant && G (grant -> O req)\n  at step 10 grant holds and at step 0 (grant -> O req) holds in steps 0–99\n  stdin: 100 states checked\n');
  });

  it('agrees with verify on random traces and rules', () => {
    const random = seededRandom(5);
    for (let k = 0; k < 4; k++) {
      const trace = Array.from({ length: 40 }, () => ({ a: random() < 0.6, x: Math.round(random() * 10) }));
      const name = file(`random-${k}.jsonl`, trace.map((s) => JSON.stringify(s)).join('\n'));
      for (const rule of ['G (a -> F[0,3] x > 5)', 'a U[0,5] x >= 8', 'H[0,4] (x < 10) S a']) {
        const expected = node.verify(rule, trace);
        const { code, stdout } = run([name, '-f', rule, '--json']);
        expect(code).toBe(expected.satisfied ? 0 : 1);
        const report = JSON.parse(stdout);
        expect(report.satisfied).toBe(expected.satisfied);
        expect(report.counterexample?.reason).toBe(expected.counterexample?.reason);
      }
    }
  });

  it('exits 2 on bad input, naming the problem', () => {
    const syntax = run([jsonl, '-f', 'G (req -> F[0,50] grant']);
    expect(syntax.code).toBe(2);
    expect(syntax.stderr).toContain("expected ')' to close the '(' at column 3");
    expect(syntax.stderr).toContain('                         ^');

    const missing = run([jsonl, '-f', 'G door']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("no field 'door' (pass --missing false to read it as false) (step 0 is line 1 of trace.jsonl)");
    expect(run([jsonl, '-f', 'G !door', '--missing', 'false']).code).toBe(0);

    const badJson = run([file('bad.jsonl', '{"a":true}\n{"a":\n'), '-f', 'G a']);
    expect(badJson.code).toBe(2);
    expect(badJson.stderr).toContain('bad.jsonl: line 2: not valid JSON');

    expect(run([file('empty.jsonl', '\n\n'), '-f', 'G a']).stderr).toContain('empty trace');
    expect(run([file('ragged.csv', 'a,b\n1,2\n3\n'), '-f', 'G a']).stderr).toContain('ragged.csv: line 3: 1 cells, but the header has 2');
    expect(run([file('noheader.csv', '1,2\n3,4\n'), '-f', 'G a']).stderr).toContain('needs a header line');
    expect(run(['absent.jsonl', '-f', 'G a']).stderr).toContain('cannot read absent.jsonl: no such file');
    const time = run([file('time.jsonl', '{"t":2,"a":true}\n{"t":1,"a":true}\n'), '-f', 'G a', '--timestamp', 't']);
    expect(time.stderr).toContain('earlier than 2 at step 0');
    for (const args of [[jsonl], ['-f', 'G a'], [jsonl, '-f', 'G a', '--missing', 'maybe'], [jsonl, '-f', 'G a', '--bogus']]) {
      const r = run(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('midstream check --help');
    }
  });

  it('has its own help, and the main help lists it', () => {
    const help = run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: midstream check <trace.jsonl | trace.csv | -> --formula <formula>');
    const main = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
    expect(main.stdout).toContain('midstream check <trace.jsonl|.csv|-> --formula <f>');
  });
});
