// Issue #17 item 12: the CLI chose distinct matches by comparing every match
// with every kept one (200,000 points with --threshold 1e9: 53 s), and --all
// spread the whole list into Math.max(...), which died with "Maximum call stack
// size exceeded". On 500,000 points the first took over a minute (the run's
// kill timeout, 50 s, stopped it); on 200,000 the second crashed. Both are
// checked against a brute-force sliding DTW and an obvious greedy selection.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { referenceDtw } from '../support/reference';
import { randomWalk, seededRandom } from '../support/random';
import { cliWorkspace, ROOT } from '../cli/support';

const { file, run } = cliWorkspace();
const random = seededRandom(1712);
const series = Array.from(randomWalk(random, 500_000), (x) => Number(x.toFixed(3)));
const pattern = Array.from(randomWalk(random, 8), (x) => Number(x.toFixed(3)));
const m = pattern.length;
const ALL_POINTS = 200_000; // the --all run lists every window of the first 200,000 points
file('long.csv', series.join('\n') + '\n');
file('first.csv', series.slice(0, ALL_POINTS).join('\n') + '\n');
file('short-pattern.csv', pattern.join('\n') + '\n');

interface Match {
  index: number;
  distance: number;
}

/** Every window of series[0, points) scored by the full-matrix DTW, best first (ties: lower index). */
function allWindows(points = series.length): Match[] {
  const out: Match[] = [];
  for (let i = 0; i + m <= points; i++) out.push({ index: i, distance: referenceDtw(series.slice(i, i + m), pattern) });
  return out.sort((p, q) => p.distance - q.distance || p.index - q.index);
}

/** Greedy, best first: keep a window unless a kept one starts fewer than m points away (checked point by point). */
function greedyDistinct(sorted: Match[]): Match[] {
  const kept = new Uint8Array(series.length);
  const out: Match[] = [];
  for (const match of sorted) {
    let clash = false;
    for (let d = -(m - 1); d <= m - 1 && !clash; d++) clash = kept[match.index + d] === 1;
    if (clash) continue;
    kept[match.index] = 1;
    out.push(match);
  }
  return out;
}

describe('#17.12 distinct matches on 500,000 points, --all on 200,000', () => {
  it('--threshold 1e9: every window is within it, the distinct ones are the greedy selection', () => {
    const result = run(['analyze', 'long.csv', '--pattern', 'short-pattern.csv', '--threshold', '1e9', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.search.withinThreshold).toBe(series.length - m + 1);
    const expected = greedyDistinct(allWindows());
    expect(expected.length).toBeGreaterThan(50_000);
    const got = report.search.matches as Array<Match & { line: number }>;
    expect(got.map((g) => g.index)).toEqual(expected.map((e) => e.index));
    got.forEach((g, k) => expect(g.distance).toBeCloseTo(expected[k].distance, 9));
  });

  it('--all --top 1000000 lists every window, best first, without a stack overflow', () => {
    const result = run(['analyze', 'first.csv', '--pattern', 'short-pattern.csv', '--threshold', '1e9', '--all', '--top', '1000000']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const rows = [...result.stdout.matchAll(/^\s+(\d+)\s+(\d+)\s+([\d.]+)\s+line (\d+)$/gm)];
    const expected = allWindows(ALL_POINTS);
    expect(rows).toHaveLength(ALL_POINTS - m + 1);
    rows.forEach((row, k) => {
      expect(Number(row[1])).toBe(k + 1);
      expect(Number(row[2])).toBe(expected[k].index);
      expect(Number(row[4])).toBe(expected[k].index + 1);
    });
  });
});

describe('#17.12 no spread of an unbounded array into a call in src/cli or demo/', () => {
  // f(...list) puts every element on the stack: a long list overflows it.
  const sources = [
    ...readdirSync(join(ROOT, 'src/cli')).map((name) => join(ROOT, 'src/cli', name)),
    ...readdirSync(join(ROOT, 'demo')).filter((name) => name.endsWith('.js')).map((name) => join(ROOT, 'demo', name)),
  ];
  it.each(sources.map((path) => [path.slice(ROOT.length), path]))('%s', (_, path) => {
    const text = readFileSync(path, 'utf8');
    const spreadCalls = [...text.matchAll(/\b(?:Math\.(?:max|min)|push|unshift|apply|fromCharCode)\([^)]*\.\.\./g)].map((s) => s[0]);
    expect(spreadCalls).toEqual([]);
  });
});
