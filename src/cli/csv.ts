// Reads one numeric series from a CSV file: one number per line, or one column
// of a delimited file chosen by number or header name. Errors name the file and
// the line, e.g. `data.csv: line 17: "abc" is not a number`.
import { readFileSync } from 'node:fs';

export class InputError extends Error {
  override name = 'InputError';
}

export interface CsvSeries {
  values: Float64Array;
  /** The column read: its header name, or `column N` (1-based). */
  column: string;
  /** Header names, when the file has a header line. */
  header?: string[];
  /** The file line (1-based) of each value. */
  lines: Int32Array;
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const DELIMITERS = [',', '\t', ';'];

function isNumber(cell: string): boolean {
  return NUMBER.test(cell);
}

function unquote(cell: string): string {
  const t = cell.trim();
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) return t.slice(1, -1).replace(/""/g, '"').trim();
  return t;
}

/** Reads `path` (a file name as the user typed it) and parses it with parseCsvSeries. */
export function readCsvSeries(path: string, column?: string): CsvSeries {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
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
    throw new InputError(`cannot read ${path}: ${why}`);
  }
  return parseCsvSeries(text, path, column);
}

/**
 * Parses numeric CSV text. Blank lines and lines starting with `#` are skipped.
 * The first line is a header when none of its cells is a number. With several
 * columns, `column` (1-based number or header name) says which one to read.
 */
export function parseCsvSeries(text: string, name: string, column?: string): CsvSeries {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const rows: Array<{ line: number; cells: string[] }> = [];
  let delimiter: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) continue;
    delimiter ??= DELIMITERS.find((d) => raw.includes(d)) ?? ',';
    rows.push({ line: i + 1, cells: raw.split(delimiter).map(unquote) });
  }
  if (rows.length === 0) throw new InputError(`${name}: no numbers found (the file is empty)`);

  let header: string[] | undefined;
  if (rows[0].cells.every((cell) => !isNumber(cell))) header = rows.shift()!.cells;
  const width = header?.length ?? rows[0]?.cells.length ?? 1;
  if (rows.length === 0) throw new InputError(`${name}: no numbers found (only a header line)`);

  // Which column (0-based) to read.
  let index: number;
  if (column === undefined) {
    if (width > 1) {
      const names = header ? header.map((h) => `"${h}"`).join(', ') : `1 to ${width}`;
      throw new InputError(
        `${name}: has ${width} columns (${names}); choose one with --column <number or name>`,
      );
    }
    index = 0;
  } else if (/^\d+$/.test(column)) {
    index = Number(column) - 1;
    if (index < 0 || index >= width) {
      throw new InputError(`${name}: --column ${column} is out of range; the file has ${width} column${width === 1 ? '' : 's'} (numbered from 1)`);
    }
  } else {
    if (!header) throw new InputError(`${name}: --column "${column}" names a column, but the file has no header line`);
    index = header.indexOf(column);
    if (index < 0) index = header.findIndex((h) => h.toLowerCase() === column.toLowerCase());
    if (index < 0) {
      throw new InputError(`${name}: no column named "${column}"; the header has ${header.map((h) => `"${h}"`).join(', ')}`);
    }
  }
  const label = header?.[index] ? header[index] : `column ${index + 1}`;

  const values = new Float64Array(rows.length);
  const lineOf = new Int32Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const { line, cells } = rows[r];
    if (index >= cells.length) {
      throw new InputError(`${name}: line ${line}: has ${cells.length} cell${cells.length === 1 ? '' : 's'}, so no ${label}`);
    }
    const cell = cells[index];
    if (cell === '') throw new InputError(`${name}: line ${line}: empty cell in ${label}`);
    if (!isNumber(cell)) throw new InputError(`${name}: line ${line}: "${cell}" is not a number`);
    const value = Number(cell);
    if (!Number.isFinite(value)) throw new InputError(`${name}: line ${line}: "${cell}" is too large to be a finite number`);
    values[r] = value;
    lineOf[r] = line;
  }
  return { values, column: label, header, lines: lineOf };
}
