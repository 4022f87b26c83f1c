// parseFormula: text -> Formula, by recursive descent over the precedence table
// in syntax.ts. Errors are FormulaSyntaxErrors at the offending character.
import { BOUNDABLE, type Bounds, type Comparison, type Formula, type Term } from './ast';
import { FormulaSyntaxError } from './errors';
import {
  BARE_NAME,
  BOOLEAN_WORDS,
  COMPARISONS,
  INFINITY_WORDS,
  LEVEL,
  RESERVED_WORDS,
  TEMPORAL_WORDS,
  UNARY_WORDS,
} from './syntax';

interface Token {
  type: 'word' | 'quoted' | 'number' | 'symbol' | 'end';
  /** The word, the unquoted name, or the symbol; '' at the end. */
  text: string;
  value: number;
  start: number;
  end: number;
}

// Longest first, so '<->' wins over '<=' and '<'.
const SYMBOLS = ['<->', '<=>', '->', '=>', '&&', '||', '==', '!=', '<=', '>=', '<>', '[]', '..', '<', '>', '!', '&', '|', '(', ')', '[', ']', ',', ':'];
const WORD = /[\p{L}_$][\p{L}\p{N}_$]*(?:\.[\p{L}\p{N}_$]+)*/uy;
const NUMBER = /-?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const FORMULA_START = ['a field', 'a number', "'true'", "'false'", "'('", 'a unary operator'];

const WHERE = 'parseFormula';

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      let name = '';
      let j = i + 1;
      for (; j < text.length && text[j] !== c; j++) {
        if (text[j] === '\\' && j + 1 < text.length) j++;
        name += text[j];
      }
      if (j >= text.length) throw syntaxError(text, text.length, [`a closing ${c} for the name opened at ${place(text, i)}`]);
      if (name === '') throw syntaxError(text, i, ['a field name between the quotes'], 'empty quotes');
      tokens.push({ type: 'quoted', text: name, value: NaN, start: i, end: j + 1 });
      i = j + 1;
      continue;
    }
    NUMBER.lastIndex = i;
    const number = NUMBER.exec(text);
    if (number && !(c === '-' && text[i + 1] === '>')) {
      tokens.push({ type: 'number', text: number[0], value: Number(number[0]), start: i, end: i + number[0].length });
      i += number[0].length;
      continue;
    }
    WORD.lastIndex = i;
    const word = WORD.exec(text);
    if (word) {
      tokens.push({ type: 'word', text: word[0], value: NaN, start: i, end: i + word[0].length });
      i += word[0].length;
      continue;
    }
    if (c === '=' && text[i + 1] !== '=' && text[i + 1] !== '>') throw syntaxError(text, i, ["'==' to compare"]);
    const symbol = SYMBOLS.find((s) => text.startsWith(s, i));
    if (!symbol) throw syntaxError(text, i, ['an operator, a field, a number or a parenthesis'], `'${String.fromCodePoint(text.codePointAt(i)!)}'`);
    tokens.push({ type: 'symbol', text: symbol, value: NaN, start: i, end: i + symbol.length });
    i += symbol.length;
  }
  tokens.push({ type: 'end', text: '', value: NaN, start: text.length, end: text.length });
  return tokens;
}

/** "column 3", or "line 2, column 3" in a formula of several lines. */
function place(text: string, offset: number): string {
  const column = offset - text.lastIndexOf('\n', offset - 1);
  if (!text.includes('\n')) return `column ${column}`;
  return `line ${text.slice(0, offset).split('\n').length}, column ${column}`;
}

function syntaxError(text: string, offset: number, expected: string[], found?: string): FormulaSyntaxError {
  return new FormulaSyntaxError(WHERE, text, offset, expected, found ?? describeAt(text, offset));
}

function describeAt(text: string, offset: number): string {
  return offset >= text.length ? 'the end of the formula' : `'${text.slice(offset, offset + 12).split(/\s/)[0] || text[offset]}'`;
}

function describe(token: Token): string {
  if (token.type === 'end') return 'the end of the formula';
  if (token.type === 'quoted') return `the field ${JSON.stringify(token.text)}`;
  if (token.type === 'word' && RESERVED_WORDS.has(token.text)) {
    return `'${token.text}' (an operator; write "${token.text}" for a field of that name)`;
  }
  return `'${token.text}'`;
}

/** An operator word or symbol (not a field name, which may be spelled like nothing here). */
function operator(token: Token): string | undefined {
  return token.type === 'word' || token.type === 'symbol' ? token.text : undefined;
}

class Parser {
  private position = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
  ) {}

  /** The next token (a method, not a getter, so TypeScript does not narrow it across take()). */
  private peek(): Token {
    return this.tokens[this.position];
  }

  private take(): Token {
    return this.tokens[this.position++];
  }

  private fail(expected: string[], token = this.peek(), found?: string): never {
    throw new FormulaSyntaxError(WHERE, this.text, token.start, expected, found ?? describe(token));
  }

  parse(): Formula {
    if (this.peek().type === 'end') this.fail(['a formula']);
    const formula = this.binary(LEVEL.iff);
    if (this.peek().type !== 'end') {
      const expected = ['an operator (&&, ||, ->, <->, U, W, R, M, S)', 'the end of the formula'];
      if (this.peek().text === ')') this.fail(['the end of the formula'], this.peek(), "')' without a matching '('");
      this.fail(expected);
    }
    return formula;
  }

  /** A binary expression at `level` or above. */
  private binary(level: number): Formula {
    if (level >= LEVEL.unary) return this.unary();
    const left = this.binary(level + 1);
    if (level === LEVEL.temporal) {
      const kind = TEMPORAL_WORDS.get(operator(this.peek()) ?? '');
      if (kind === undefined) return left;
      const symbol = this.take();
      const bounds = this.bounds(kind, symbol);
      const right = this.binary(level); // right-associative
      return bounds ? { kind, left, right, bounds } : { kind, left, right };
    }
    let formula = left;
    for (;;) {
      const kind = BOOLEAN_WORDS.get(operator(this.peek()) ?? '');
      if (kind === undefined || LEVEL[kind] !== level) return formula;
      this.take();
      if (kind === 'implies' || kind === 'iff') return { kind, left: formula, right: this.binary(level) };
      formula = { kind, left: formula, right: this.binary(level + 1) };
    }
  }

  private unary(): Formula {
    const kind = UNARY_WORDS.get(operator(this.peek()) ?? '');
    if (kind === undefined) return this.primary();
    const symbol = this.take();
    if (kind === 'not') return { kind, operand: this.unary() };
    const bounds = this.bounds(kind, symbol);
    const operand = this.unary();
    return bounds ? { kind, operand, bounds } : { kind, operand };
  }

  /** Optional `[a,b]`, `[a..b]`, `[a:b]` after an operator; b may be inf or left out. */
  private bounds(kind: Formula['kind'], symbol: Token): Bounds | undefined {
    if (this.peek().text !== '[' || this.peek().type !== 'symbol') return undefined;
    if (!BOUNDABLE.has(kind)) {
      this.fail([`a formula after '${symbol.text}' (only F, G, U, O, H and S take [a,b] bounds)`]);
    }
    this.take();
    const lo = this.bound(false);
    const separator = this.peek();
    if (!(separator.type === 'symbol' && (separator.text === ',' || separator.text === '..' || separator.text === ':'))) {
      this.fail(["',' or '..' between the bounds"]);
    }
    this.take();
    const hi = this.peek().text === ']' && this.peek().type === 'symbol' ? { value: Infinity, token: this.peek() } : this.bound(true);
    const close = this.peek();
    if (close.text !== ']' || close.type !== 'symbol') this.fail(["']' to close the bounds"]);
    if (lo.value > hi.value) {
      this.fail(['a lower bound no greater than the upper bound'], lo.token, `[${lo.token.text}, ${hi.token.text}]`);
    }
    this.take();
    return { lo: lo.value, hi: hi.value };
  }

  private bound(upper: boolean): { value: number; token: Token } {
    const token = this.peek();
    if (upper && token.type === 'word' && INFINITY_WORDS.has(token.text)) {
      this.take();
      return { value: Infinity, token };
    }
    if (token.type !== 'number') this.fail([upper ? "a number, 'inf' or ']'" : 'a number']);
    if (token.value < 0) this.fail(['a bound >= 0']);
    this.take();
    return { value: token.value, token };
  }

  private primary(): Formula {
    const token = this.peek();
    if (token.type === 'symbol' && token.text === '(') {
      this.take();
      if (this.peek().type === 'end' || this.peek().text === ')') this.fail(['a formula inside the parentheses']);
      const inner = this.binary(LEVEL.iff);
      if (this.peek().text !== ')' || this.peek().type !== 'symbol') {
        this.fail([`')' to close the '(' at ${place(this.text, token.start)}`]);
      }
      this.take();
      return inner;
    }
    if (token.type === 'word' && (token.text === 'true' || token.text === 'false')) {
      this.take();
      return { kind: token.text };
    }
    const left = this.term();
    if (left === undefined) this.fail(FORMULA_START);
    const op = this.peek();
    if (op.type === 'symbol' && COMPARISONS.has(op.text)) {
      this.take();
      const right = this.term();
      if (right === undefined) this.fail(['a field or a number after ' + `'${op.text}'`]);
      return { kind: 'compare', op: op.text as Comparison, left, right };
    }
    if (left.kind === 'number') this.fail(['a comparison operator (<, <=, >, >=, ==, !=) after a number']);
    return { kind: 'atom', name: left.name };
  }

  private term(): Term | undefined {
    const token = this.peek();
    if (token.type === 'number') {
      this.take();
      return { kind: 'number', value: token.value };
    }
    if (token.type === 'quoted' || (token.type === 'word' && !RESERVED_WORDS.has(token.text) && BARE_NAME.test(token.text))) {
      this.take();
      return { kind: 'field', name: token.text };
    }
    return undefined;
  }
}

/**
 * Parses a temporal-logic formula (see the README's precedence table) into a
 * plain-object AST. Throws a FormulaSyntaxError at the first mistake.
 */
export function parseFormula(text: string): Formula {
  if (typeof text !== 'string') {
    throw new TypeError(`${WHERE}: text must be a string, got ${text === null ? 'null' : typeof text}`);
  }
  return new Parser(text, tokenize(text)).parse();
}
