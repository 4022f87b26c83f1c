// Issue #17 item 11: the CLI's CSV number pattern backtracked quadratically on a
// long run of digits ending in a non-number character (1 MB: about 8 minutes).
// Each adversarial file below is 1 MB; a linear reader answers in well under a
// second, the old one was still running when the run's kill timeout (50 s)
// stopped it. Then the number grammar is checked cell by cell against the
// textbook pattern (on short cells, where backtracking costs nothing).
import { describe, expect, it } from 'vitest';
import { parseCsvSeries } from '../../src/cli/csv';
import { seededRandom } from '../support/random';
import { cliWorkspace } from '../cli/support';

const MB = 1 << 20;
const { file, run } = cliWorkspace();
file('p.csv', '1\n2\n3\n');

describe('#17.11 the CSV reader takes time linear in the file size', () => {
  const adversarial: Array<[string, string, RegExp]> = [
    ['a 1 MB run of digits ending in a letter', '1\n' + '1'.repeat(MB) + 'x\n', /line 2: "1{20,}.*" \(1048577 characters\) is not a number/],
    ['a 1 MB exponent ending in a letter', '1\n1e' + '7'.repeat(MB) + '!\n', /line 2: "1e7{20,}.*" \(1048579 characters\) is not a number/],
    ['a 1 MB run of digits and dots', '1\n' + '1.'.repeat(MB / 2) + '\n', /line 2: "(1\.){10,}.*" \(1048576 characters\) is not a number/],
    ['a quoted field of 1 MB that never closes', '1\n"' + '2'.repeat(MB) + '\n', /line 2: a quoted field is not closed/],
    ['1 MB of escaped quotes in one field', '1\n"' + '""'.repeat(MB / 2) + '"\n', /line 2: "(\\"){10,}.*" \(524288 characters\) is not a number/],
  ];
  for (const [what, text, message] of adversarial) {
    it(`${what}: a short error, within the timeout`, () => {
      const name = file('adversarial.csv', text);
      const result = run(['analyze', name, '--pattern', 'p.csv']);
      expect(result.code).toBe(1); // null would mean the run was killed after 50 s
      expect(result.stderr.length).toBeLessThan(400); // first: the patterns below are slow on a 1 MB message
      expect(result.stderr).toMatch(message);
    });
  }

  it('a 1 MB file of 100,000 numbers is read whole, each number on its own line', () => {
    const random = seededRandom(11);
    const values = Array.from({ length: 100_000 }, () => Number(((random() - 0.5) * 1e4).toFixed(4)));
    const parsed = parseCsvSeries(values.join('\n') + '\n', 'big.csv');
    expect(Array.from(parsed.values)).toEqual(values);
    expect(parsed.lines[99_999]).toBe(100_000);
  });
});

describe('#17.11 the number grammar is the one the CLI documents', () => {
  // Textbook pattern: optional sign, digits with an optional point (or a point
  // and digits), optional exponent. Safe here: the cells are at most 12 characters.
  const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
  const alphabet = ['0', '1', '9', '.', 'e', 'E', '+', '-', 'x', ' ', '5'];

  it('accepts exactly the cells the pattern accepts, with the value Number() gives', () => {
    const random = seededRandom(1117);
    for (let trial = 0; trial < 20_000; trial++) {
      const length = 1 + Math.floor(random() * 12);
      let cell = '';
      for (let i = 0; i < length; i++) cell += alphabet[Math.floor(random() * alphabet.length)];
      const trimmed = cell.trim();
      if (trimmed === '') continue;
      // A second line keeps a non-numeric cell from being read as a header.
      const text = `0\n${cell}\n`;
      if (DECIMAL.test(trimmed) && Number.isFinite(Number(trimmed))) {
        const parsed = parseCsvSeries(text, 'cells.csv');
        expect(parsed.values[1], cell).toBe(Number(trimmed));
      } else {
        expect(() => parseCsvSeries(text, 'cells.csv'), cell).toThrow(/line 2: /);
      }
    }
  });
});
