// The error parseFormula throws: where the mistake is (offset, line, column),
// what the parser expected there, and a message that shows the formula's line
// with a caret under the spot.

export class FormulaSyntaxError extends SyntaxError {
  override readonly name = 'FormulaSyntaxError';
  /** The formula text that failed to parse. */
  readonly formula: string;
  /** 0-based offset of the mistake in the text (text.length for "ended too early"). */
  readonly offset: number;
  /** 1-based line of the mistake. */
  readonly line: number;
  /** 1-based column of the mistake (in UTF-16 code units, as `offset`). */
  readonly column: number;
  /** What would have been accepted at that spot, e.g. ["')' to close the '(' at column 3"]. */
  readonly expected: readonly string[];
  /** What was found instead, e.g. "'&&'" or "the end of the formula". */
  readonly found: string;

  constructor(where: string, formula: string, offset: number, expected: readonly string[], found: string) {
    const lineStart = formula.lastIndexOf('\n', offset - 1) + 1;
    const lineEnd = formula.indexOf('\n', offset) < 0 ? formula.length : formula.indexOf('\n', offset);
    const line = formula.slice(0, lineStart).split('\n').length;
    const column = offset - lineStart + 1;
    const shown = formula.slice(lineStart, lineEnd).replace(/\t/g, ' ');
    const list = expected.length <= 1 ? expected.join('') : `${expected.slice(0, -1).join(', ')} or ${expected[expected.length - 1]}`;
    const at = formula.includes('\n') ? `line ${line}, column ${column}` : `column ${column}`;
    super(`${where}: at ${at}: expected ${list}, found ${found}\n  ${shown}\n  ${' '.repeat(column - 1)}^`);
    this.formula = formula;
    this.offset = offset;
    this.line = line;
    this.column = column;
    this.expected = expected;
    this.found = found;
  }
}
