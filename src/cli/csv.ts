// Reads one numeric series from CSV text: one number per line, or one column of
// a delimited file chosen by number or header name. Fields may be quoted as in
// RFC 4180 ("x, mm", "a ""b"""); lines may end in LF, CRLF or CR. One pass over
// the text, so the time is linear in its size whatever it holds. Errors name the
// file and the line: `data.csv: line 17: "abc" is not a number`.
import { readFileSync } from 'node:fs';
import { CliInputError } from './errors';
import { displayName, quote } from './escape';

export interface CsvSeries {
  values: Float64Array;
  /** The column read: its header name, or `column N` (1-based). */
  column: string;
  /** Header names, when the file has a header line. */
  header?: string[];
  /** The file line (1-based) on which each value's record starts. */
  lines: Int32Array;
}

/** The file name that means standard input. */
export const STDIN = '-';

const DELIMITERS = [',', '\t', ';'];
const CR = 13;
const LF = 10;
const QUOTE = 34;
const SPACE = 32;
const TAB = 9;
const HASH = 35;

/** Reads `path` (a file name as the user typed it, or `-` for stdin) and parses it with parseCsvSeries. */
export function readCsvSeries(path: string, column?: string): CsvSeries {
  let text: string;
  try {
    text = readFileSync(path === STDIN ? 0 : path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : (error as Error).message;
    throw new CliInputError(`cannot read ${path === STDIN ? 'stdin' : displayName(path)}: ${why}`);
  }
  return parseCsvSeries(text, path === STDIN ? 'stdin' : displayName(path), column);
}

// ------------------------------------------------------------------ numbers

const enum Scan {
  Start, // nothing yet
  Sign, // + or -
  Integer, // digits (accepting)
  Point, // a point after digits (accepting: "1.")
  LonePoint, // a point with no digits before it
  Fraction, // digits after the point (accepting)
  Exponent, // e or E
  ExponentSign, // its sign
  ExponentDigits, // its digits (accepting)
  Reject,
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * The value of a decimal number as the CLI documents it (optional sign, digits
 * with an optional point or a point and digits, optional exponent), or
 * undefined. One left-to-right pass of a finite automaton: linear time.
 */
export function parseDecimal(cell: string): number | undefined {
  let state = Scan.Start;
  for (let i = 0; i < cell.length && state !== Scan.Reject; i++) {
    const c = cell.charCodeAt(i);
    const digit = isDigit(c);
    const point = c === 46;
    const sign = c === 43 || c === 45;
    const e = c === 101 || c === 69;
    switch (state) {
      case Scan.Start:
        state = digit ? Scan.Integer : point ? Scan.LonePoint : sign ? Scan.Sign : Scan.Reject;
        break;
      case Scan.Sign:
        state = digit ? Scan.Integer : point ? Scan.LonePoint : Scan.Reject;
        break;
      case Scan.Integer:
        state = digit ? Scan.Integer : point ? Scan.Point : e ? Scan.Exponent : Scan.Reject;
        break;
      case Scan.Point:
      case Scan.Fraction:
        state = digit ? Scan.Fraction : e ? Scan.Exponent : Scan.Reject;
        break;
      case Scan.LonePoint:
        state = digit ? Scan.Fraction : Scan.Reject;
        break;
      case Scan.Exponent:
        state = digit ? Scan.ExponentDigits : sign ? Scan.ExponentSign : Scan.Reject;
        break;
      case Scan.ExponentSign:
      case Scan.ExponentDigits:
        state = digit ? Scan.ExponentDigits : Scan.Reject;
        break;
    }
  }
  const accepted = state === Scan.Integer || state === Scan.Point || state === Scan.Fraction || state === Scan.ExponentDigits;
  return accepted ? Number(cell) : undefined;
}

// ------------------------------------------------------------------ records

interface CsvRecord {
  /** The line (1-based) on which the record starts. */
  line: number;
  cells: string[];
}

/**
 * The first delimiter (in the order comma, tab, semicolon) that occurs outside
 * quotes on the first line that is not blank or a comment; a comma if none.
 */
function detectDelimiter(text: string): string {
  let i = 0;
  while (i < text.length) {
    let end = i;
    while (end < text.length && text.charCodeAt(end) !== LF && text.charCodeAt(end) !== CR) end++;
    const line = text.slice(i, end);
    const content = line.trim();
    if (content !== '' && !content.startsWith('#')) {
      const seen = new Set<string>();
      let quoted = false;
      for (const c of line) {
        if (c === '"') quoted = !quoted;
        else if (!quoted && DELIMITERS.includes(c)) seen.add(c);
      }
      return DELIMITERS.find((d) => seen.has(d)) ?? ',';
    }
    i = end + 1;
  }
  return ',';
}

/**
 * Splits CSV text into records of cells. Blank lines and lines whose first
 * non-blank character is `#` are skipped. Unquoted cells are trimmed of spaces
 * (and of tabs unless tab is the delimiter); quoted cells are taken as written.
 */
export function readRecords(text: string, name: string, delimiter: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const n = text.length;
  const sep = delimiter.charCodeAt(0);
  const isBlank = (c: number) => c === SPACE || (c === TAB && sep !== TAB);
  let line = 1;
  let i = 0;
  /** Steps over the line end at i (LF, CR or CRLF), if any; true if there was one. */
  const lineEnd = (): boolean => {
    const c = text.charCodeAt(i);
    if (c === LF) i++;
    else if (c === CR) i += text.charCodeAt(i + 1) === LF ? 2 : 1;
    else return false;
    line++;
    return true;
  };

  while (i < n) {
    // A blank line or a comment is skipped whole.
    let first = i;
    while (first < n && isBlank(text.charCodeAt(first))) first++;
    const c0 = text.charCodeAt(first);
    if (first >= n || c0 === LF || c0 === CR || c0 === HASH) {
      i = first;
      while (i < n && text.charCodeAt(i) !== LF && text.charCodeAt(i) !== CR) i++;
      lineEnd();
      continue;
    }

    const record: CsvRecord = { line, cells: [] };
    for (;;) {
      while (i < n && isBlank(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) === QUOTE) {
        // A quoted field: "" is a quote; anything else, line ends included, is text.
        const opened = line;
        const pieces: string[] = [];
        let from = ++i;
        for (;;) {
          if (i >= n) throw new CliInputError(`${name}: line ${opened}: a quoted field is not closed`);
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            pieces.push(text.slice(from, i));
            if (text.charCodeAt(i + 1) !== QUOTE) {
              i++;
              break;
            }
            from = i + 1; // the second quote of "" starts the next piece
            i += 2;
          } else if (c === LF || c === CR) {
            lineEnd();
          } else {
            i++;
          }
        }
        const cell = pieces.join('');
        while (i < n && isBlank(text.charCodeAt(i))) i++;
        const next = text.charCodeAt(i);
        if (i < n && next !== sep && next !== LF && next !== CR) {
          throw new CliInputError(`${name}: line ${line}: text after the quoted field ${quote(cell)}; a quote inside a quoted field is written ""`);
        }
        record.cells.push(cell);
      } else {
        const start = i;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === sep || c === LF || c === CR) break;
          i++;
        }
        let end = i;
        while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
        record.cells.push(text.slice(start, end));
      }
      if (i < n && text.charCodeAt(i) === sep) {
        i++;
        continue;
      }
      lineEnd();
      break;
    }
    records.push(record);
  }
  return records;
}

// ------------------------------------------------------------------ the series

const HEADER_NAMES_SHOWN = 12;

function listNames(header: string[]): string {
  const shown = header.slice(0, HEADER_NAMES_SHOWN).map((h) => quote(h)).join(', ');
  return header.length > HEADER_NAMES_SHOWN ? `${shown}, … (${header.length} in all)` : shown;
}

/**
 * Parses numeric CSV text. Blank lines and lines starting with `#` are skipped.
 * The first record is a header when none of its cells is a number. With several
 * columns, `column` (1-based number or header name) says which one to read.
 */
export function parseCsvSeries(text: string, name: string, column?: string): CsvSeries {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows = readRecords(body, name, detectDelimiter(body));
  if (rows.length === 0) throw new CliInputError(`${name}: no numbers found (the file is empty)`);

  let header: string[] | undefined;
  if (rows[0].cells.every((cell) => parseDecimal(cell.trim()) === undefined)) header = rows.shift()!.cells;
  const width = header?.length ?? rows[0]?.cells.length ?? 1;
  if (rows.length === 0) throw new CliInputError(`${name}: no numbers found (only a header line)`);

  // Which column (0-based) to read.
  let index: number;
  if (column === undefined) {
    if (width > 1) {
      const names = header ? listNames(header) : `1 to ${width}`;
      throw new CliInputError(`${name}: has ${width} columns (${names}); choose one with --column <number or name>`);
    }
    index = 0;
  } else if (/^\d+$/.test(column)) {
    index = Number(column) - 1;
    if (index < 0 || index >= width) {
      throw new CliInputError(`${name}: --column ${column} is out of range; the file has ${width} column${width === 1 ? '' : 's'} (numbered from 1)`);
    }
  } else {
    if (!header) throw new CliInputError(`${name}: --column ${quote(column)} names a column, but the file has no header line`);
    index = header.indexOf(column);
    if (index < 0) index = header.findIndex((h) => h.toLowerCase() === column.toLowerCase());
    if (index < 0) throw new CliInputError(`${name}: no column named ${quote(column)}; the header has ${listNames(header)}`);
  }
  const label = header?.[index] ? displayName(header[index], 40) : `column ${index + 1}`;

  const values = new Float64Array(rows.length);
  const lineOf = new Int32Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const { line, cells } = rows[r];
    if (index >= cells.length) {
      throw new CliInputError(`${name}: line ${line}: has ${cells.length} cell${cells.length === 1 ? '' : 's'}, so no ${label}`);
    }
    const cell = cells[index];
    if (cell === '') throw new CliInputError(`${name}: line ${line}: empty cell in ${label}`);
    const value = parseDecimal(cell.trim()); // a quoted cell keeps its spaces
    if (value === undefined) throw new CliInputError(`${name}: line ${line}: ${quote(cell)} is not a number`);
    if (!Number.isFinite(value)) throw new CliInputError(`${name}: line ${line}: ${quote(cell)} is too large to be a finite number`);
    values[r] = value;
    lineOf[r] = line;
  }
  return { values, column: label, header, lines: lineOf };
}
