// What the CLI prints on stdout: lines collected into blocks of about 64 KB
// (a million-line --all listing is a few hundred writes, not a million), and
// the formatting shared by the commands.
import type { Match } from '../index';

const BLOCK = 1 << 16;
let pending = '';

/** Queues one line for stdout. */
export function out(line: string): void {
  pending += line + '\n';
  if (pending.length >= BLOCK) flush();
}

/** Writes what out() queued. */
export function flush(): void {
  if (pending === '') return;
  const text = pending;
  pending = '';
  process.stdout.write(text);
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

export function formatDistance(d: number): string {
  return d === Infinity ? 'Infinity' : d.toFixed(4);
}

export function plural(count: number, word: string, suffix = 's'): string {
  return `${count} ${word}${count === 1 ? '' : suffix}`;
}

/** The first `top` matches as a numbered table, with a note per match. */
export function printMatches(matches: Match[], top: number, note: (m: Match) => string): void {
  const shown = Math.min(top, matches.length);
  let width = 8;
  for (let k = 0; k < shown; k++) width = Math.max(width, String(matches[k].index).length);
  out(`   ${'#'.padStart(3)}  ${'position'.padStart(width)}  ${'distance'.padStart(10)}`);
  for (let k = 0; k < shown; k++) {
    const m = matches[k];
    out(`   ${String(k + 1).padStart(3)}  ${String(m.index).padStart(width)}  ${formatDistance(m.distance).padStart(10)}   ${note(m)}`);
  }
  if (matches.length > shown) out(`   ... and ${matches.length - shown} more (use --top to show more)`);
}
