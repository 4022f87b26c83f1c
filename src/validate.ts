// Argument checks shared by every part. Kernels never see bad input: each public
// function checks here first. The rule, everywhere:
// - a value of the wrong kind is a TypeError;
// - a value of the right kind out of range, or not among the choices, is a RangeError;
// - too little data is an InsufficientDataError (src/errors.ts, a RangeError);
// - the message names the public function and the argument ("dtw: options.window ...");
// - null and undefined options mean "defaults".

/**
 * What the numeric API accepts as a series: an array or a typed array of
 * numbers (toSeries rejects other array-likes and bigint arrays, and so does this type).
 */
export type NumericSeries =
  | readonly number[]
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (ArrayBuffer.isView(value)) return value.constructor.name;
  return typeof value;
}

/**
 * Checks that `value` is a non-empty array or typed array of finite numbers and
 * returns it as a Float64Array (the input itself when it already is one).
 */
export function toSeries(value: unknown, name: string, where: string): Float64Array {
  const isArrayLike =
    Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
  if (!isArrayLike) {
    throw new TypeError(`${where}: ${name} must be an array or typed array of numbers, got ${describe(value)}`);
  }
  const items = value as ArrayLike<unknown>;
  if (items.length === 0) throw new RangeError(`${where}: ${name} must not be empty`);
  if (value instanceof Float64Array) {
    checkFinite(value, name, where);
    return value;
  }
  if (typeof (items as ArrayLike<unknown>)[0] === 'bigint') {
    throw new TypeError(`${where}: ${name} must hold numbers, not bigints`);
  }
  const series = new Float64Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const x = items[i];
    if (typeof x !== 'number') {
      throw new TypeError(`${where}: ${name}[${i}] must be a number, got ${describe(x)}`);
    }
    series[i] = x;
  }
  checkFinite(series, name, where);
  return series;
}

function checkFinite(series: Float64Array, name: string, where: string): void {
  for (let i = 0; i < series.length; i++) {
    const x = series[i];
    // x - x is 0 for finite numbers and NaN for NaN and ±Infinity.
    if (x - x !== 0) {
      throw new RangeError(`${where}: ${name}[${i}] is ${x}; every value must be a finite number`);
    }
  }
}

export interface NumberRule {
  min?: number;
  max?: number;
  integer?: boolean;
  /** Allow +Infinity (for thresholds meaning "no limit"). */
  infinite?: boolean;
}

/** Checks a numeric argument or option and returns it. */
export function checkNumber(value: unknown, name: string, where: string, rule: NumberRule = {}): number {
  if (typeof value !== 'number') {
    throw new TypeError(`${where}: ${name} must be a number, got ${describe(value)}`);
  }
  if (Number.isNaN(value)) throw new RangeError(`${where}: ${name} must not be NaN`);
  if (!Number.isFinite(value) && !(rule.infinite && value === Infinity)) {
    throw new RangeError(`${where}: ${name} must be finite, got ${value}`);
  }
  if (rule.integer && !Number.isInteger(value) && Number.isFinite(value)) {
    throw new RangeError(`${where}: ${name} must be a whole number, got ${value}`);
  }
  if (rule.min !== undefined && value < rule.min) {
    throw new RangeError(`${where}: ${name} must be >= ${rule.min}, got ${value}`);
  }
  if (rule.max !== undefined && value > rule.max) {
    throw new RangeError(`${where}: ${name} must be <= ${rule.max}, got ${value}`);
  }
  return value;
}

/** Checks that an options argument is absent or a plain object, and returns it as one. */
export function checkOptions<T extends object>(value: T | undefined, where: string, name = 'options'): Partial<T> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`${where}: ${name} must be an object, got ${describe(value)}`);
  }
  return value;
}

/** Checks that `value` is one of `choices`: a TypeError for a non-string, a RangeError for another string. */
export function checkChoice<T extends string>(value: unknown, choices: readonly T[], name: string, where: string): T {
  if (typeof value !== 'string') {
    throw new TypeError(`${where}: ${name} must be one of ${choices.map((c) => `'${c}'`).join(', ')}, got ${describe(value)}`);
  }
  if (!choices.includes(value as T)) {
    // Quote the value, cut to a few characters: a message must stay short whatever was passed.
    const shown = value.length > 40 ? `${JSON.stringify(value.slice(0, 40))}… (${value.length} characters)` : JSON.stringify(value);
    throw new RangeError(`${where}: ${name} must be one of ${choices.map((c) => `'${c}'`).join(', ')}, got ${shown}`);
  }
  return value as T;
}

/** Checks that `value` is a function (a callback, a clock, a handler) and returns it. */
export function checkFunction<T extends (...args: never[]) => unknown>(value: unknown, name: string, where: string): T {
  if (typeof value !== 'function') {
    throw new TypeError(`${where}: ${name} must be a function, got ${describe(value)}`);
  }
  return value as T;
}

/** Checks that `value` is a boolean (no truthy or falsy stand-ins) and returns it. */
export function checkBoolean(value: unknown, name: string, where: string): boolean {
  if (typeof value !== 'boolean') throw new TypeError(`${where}: ${name} must be a boolean, got ${describe(value)}`);
  return value;
}

/** Checks that `value` is an AbortSignal or behaves as one (aborted, reason, add/removeEventListener). */
export function checkAbortSignal(value: unknown, name: string, where: string): AbortSignal {
  const signal = value as AbortSignal | null;
  if (
    signal === null ||
    typeof signal !== 'object' ||
    typeof signal.aborted !== 'boolean' ||
    typeof signal.addEventListener !== 'function' ||
    typeof signal.removeEventListener !== 'function'
  ) {
    throw new TypeError(`${where}: ${name} must be an AbortSignal, got ${describe(value)}`);
  }
  return signal;
}
