// Checking Midstream's options once, at construction: every later error is about data.
import { StreamMatcher } from '../search/index';
import { Scheduler } from '../scheduler/index';
import { checkChoice, checkNumber, checkOptions, toSeries } from '../validate';
import type { SampleShape } from './sample';
import type { MidstreamOptions, PatternSpec } from './types';

const WHERE = 'Midstream';
/** Fewest samples a regime window may hold (AttractorAnalyzer's minimum). */
export const MIN_REGIME_WINDOW = 100;

export interface ResolvedPattern {
  name: string;
  field: number;
  pattern: Float64Array;
  matcherOptions: { threshold: number; window?: number; cost?: PatternSpec['cost'] };
}

export interface ResolvedRegime {
  field: number;
  window: number;
  every: number;
  dt: number;
  maxPending: number;
  whenBusy: 'wait' | 'skip';
}

export interface ResolvedOptions {
  shape: SampleShape;
  fields: string[];
  timeField: string | undefined;
  patterns: ResolvedPattern[];
  regime: ResolvedRegime | undefined;
  rules: Array<{ name: string; formula: string }>;
  scheduler: Scheduler | undefined;
  offload: boolean;
}

export function resolveOptions(options: MidstreamOptions | undefined): ResolvedOptions {
  const o = checkOptions(options, WHERE);
  const { shape, fields } = resolveFields(o);
  let timeField: string | undefined;
  if (o.timeField !== undefined) {
    if (typeof o.timeField !== 'string') throw new TypeError(`${WHERE}: options.timeField must be a string, got ${typeof o.timeField}`);
    if (shape !== 'record') throw new RangeError(`${WHERE}: options.timeField needs named fields (options.fields), since only objects carry a time`);
    if (fields.includes(o.timeField)) throw new RangeError(`${WHERE}: options.timeField '${o.timeField}' is also one of options.fields`);
    timeField = o.timeField;
  }
  const fieldIndex = (name: unknown, where: string): number => {
    if (name === undefined) {
      if (fields.length === 1) return 0;
      throw new RangeError(`${WHERE}: ${where}.field is required with several fields (${fields.join(', ')})`);
    }
    if (typeof name !== 'string') throw new TypeError(`${WHERE}: ${where}.field must be a string, got ${typeof name}`);
    const index = fields.indexOf(name);
    if (index < 0) throw new RangeError(`${WHERE}: ${where}.field '${name}' is not a field; the fields are ${fields.join(', ')}`);
    return index;
  };
  const patterns = resolvePatterns(o.patterns, fieldIndex);
  let regime: ResolvedRegime | undefined;
  if (o.regime !== undefined && o.regime !== null) {
    const r = checkOptions(o.regime, WHERE, 'options.regime');
    const window = r.window === undefined ? 4000 : checkNumber(r.window, 'options.regime.window', WHERE, { integer: true, min: MIN_REGIME_WINDOW });
    regime = {
      field: fieldIndex(r.field, 'options.regime'),
      window,
      every: r.every === undefined ? 1000 : checkNumber(r.every, 'options.regime.every', WHERE, { integer: true, min: 1 }),
      dt: r.dt === undefined ? 1 : checkNumber(r.dt, 'options.regime.dt', WHERE, { min: Number.MIN_VALUE }),
      maxPending: r.maxPending === undefined ? 2 : checkNumber(r.maxPending, 'options.regime.maxPending', WHERE, { integer: true, min: 1 }),
      whenBusy: r.whenBusy === undefined ? 'wait' : checkChoice(r.whenBusy, ['wait', 'skip'] as const, 'options.regime.whenBusy', WHERE),
    };
  }
  const rules = resolveRules(o.rules);
  let scheduler: Scheduler | undefined;
  if (o.scheduler !== undefined && o.scheduler !== null) {
    if (!(o.scheduler instanceof Scheduler)) throw new TypeError(`${WHERE}: options.scheduler must be a Scheduler`);
    scheduler = o.scheduler;
  }
  if (o.offload !== undefined && typeof o.offload !== 'boolean') throw new TypeError(`${WHERE}: options.offload must be a boolean, got ${typeof o.offload}`);
  return { shape, fields, timeField, patterns, regime, rules, scheduler, offload: o.offload ?? false };
}

function resolveFields(o: Partial<MidstreamOptions>): { shape: SampleShape; fields: string[] } {
  if (o.fields !== undefined && o.dimension !== undefined) throw new RangeError(`${WHERE}: give options.fields or options.dimension, not both`);
  if (o.fields !== undefined) {
    if (!Array.isArray(o.fields)) throw new TypeError(`${WHERE}: options.fields must be an array of names`);
    if (o.fields.length === 0) throw new RangeError(`${WHERE}: options.fields must name at least one field`);
    const seen = new Set<string>();
    for (const [i, name] of o.fields.entries()) {
      if (typeof name !== 'string') throw new TypeError(`${WHERE}: options.fields[${i}] must be a string, got ${typeof name}`);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || name === 'match' || name === 'regime') {
        throw new RangeError(`${WHERE}: options.fields[${i}] '${name}' must be an identifier other than 'match' and 'regime' (rules name fields)`);
      }
      if (seen.has(name)) throw new RangeError(`${WHERE}: options.fields names '${name}' twice`);
      seen.add(name);
    }
    return { shape: 'record', fields: [...o.fields] };
  }
  if (o.dimension !== undefined) {
    const n = checkNumber(o.dimension, 'options.dimension', WHERE, { integer: true, min: 1 });
    return { shape: 'vector', fields: Array.from({ length: n }, (_, i) => `x${i}`) };
  }
  return { shape: 'number', fields: ['x'] };
}

function resolvePatterns(value: unknown, fieldIndex: (name: unknown, where: string) => number): ResolvedPattern[] {
  if (value === undefined || value === null) return [];
  if (typeof value !== 'object' || Array.isArray(value)) throw new TypeError(`${WHERE}: options.patterns must be an object of named patterns`);
  const resolved: ResolvedPattern[] = [];
  for (const [name, spec] of Object.entries(value as Record<string, PatternSpec>)) {
    const where = `options.patterns.${name}`;
    const s = checkOptions(spec, WHERE, where);
    if (s.pattern === undefined) throw new TypeError(`${WHERE}: ${where}.pattern is required`);
    if (s.threshold === undefined) throw new TypeError(`${WHERE}: ${where}.threshold is required`);
    const pattern = toSeries(s.pattern, `${where}.pattern`, WHERE).slice();
    const matcherOptions = { threshold: s.threshold, window: s.window, cost: s.cost };
    checkMatcherOptions(pattern, matcherOptions, where); // threshold, window and cost now, not at the first sample
    resolved.push({ name, field: fieldIndex(s.field, where), pattern, matcherOptions });
  }
  return resolved;
}

/** StreamMatcher checks the options; its message is reworded to name Midstream's option. */
function checkMatcherOptions(pattern: Float64Array, options: ResolvedPattern['matcherOptions'], where: string): void {
  try {
    new StreamMatcher(pattern, options);
  } catch (error) {
    if (error instanceof Error) error.message = error.message.replace(/^StreamMatcher: options\./, `${WHERE}: ${where}.`);
    throw error;
  }
}

function resolveRules(value: unknown): Array<{ name: string; formula: string }> {
  if (value === undefined || value === null) return [];
  if (typeof value !== 'object' || Array.isArray(value)) throw new TypeError(`${WHERE}: options.rules must be an object of named formulas`);
  const rules: Array<{ name: string; formula: string }> = [];
  for (const [name, formula] of Object.entries(value as Record<string, unknown>)) {
    if (typeof formula !== 'string') throw new TypeError(`${WHERE}: options.rules.${name} must be a formula string, got ${typeof formula}`);
    rules.push({ name, formula });
  }
  return rules;
}
