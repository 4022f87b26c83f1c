// Text from the user's files and command line, made safe to print in a message:
// control characters (C0, DEL, C1), line and paragraph separators and bidi
// controls are written as \n or \uXXXX, so no escape sequence reaches the
// terminal, and long text is cut to a prefix with its length.

/** Characters a terminal or a text renderer acts on instead of showing. */
const CONTROLS = '\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';
/** In quoted text: the controls, and the quote and backslash themselves. */
const QUOTED_ESCAPES = new RegExp(`[${CONTROLS}"\\\\]`, 'g');
/** In a message: the controls but the line feed, which ends message lines. */
const MESSAGE_ESCAPES = new RegExp(`[${CONTROLS.replace('\\u0000-\\u001f', '\\u0000-\\u0009\\u000b-\\u001f')}]`, 'g');
const NEEDS_QUOTES = new RegExp(`[${CONTROLS}"\\\\]`);

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '"': '\\"', '\\': '\\\\' };

function escapeCharacter(c: string): string {
  return NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** `end`, or one less when that would split a surrogate pair. */
function endOfWholeCharacter(text: string, end: number): number {
  const last = text.charCodeAt(end - 1);
  return last >= 0xd800 && last <= 0xdbff ? end - 1 : end;
}

/**
 * `text` in double quotes, escaped; longer than `max` characters, the first
 * `max` and an ellipsis, then the full length: `"1111…" (1048577 characters)`.
 */
export function quote(text: string, max = 40): string {
  const long = text.length > max;
  const body = (long ? text.slice(0, endOfWholeCharacter(text, max)) : text).replace(QUOTED_ESCAPES, escapeCharacter);
  return long ? `"${body}…" (${text.length} characters)` : `"${body}"`;
}

/** A name the user gave (a file, a column): as it is when it prints safely, else quoted. */
export function displayName(text: string, max = 200): string {
  return text.length <= max && !NEEDS_QUOTES.test(text) ? text : quote(text, max);
}

/** A message that may hold user text (e.g. from node:util's parseArgs), made printable. */
export function printable(message: string, max = 400): string {
  const shown = message.length > max ? `${message.slice(0, endOfWholeCharacter(message, max))}…` : message;
  return shown.replace(MESSAGE_ESCAPES, escapeCharacter);
}
