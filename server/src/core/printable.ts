// Text from the workspace (titles, sector ids, messages, paths) printed to a terminal or a CI log.
// Control characters there are instructions, not text: ESC sequences clear the screen or rewrite
// what was printed, CR overwrites a line, LF (or U+2028/U+2029) starts a line that a problem
// matcher reads as a finding, and bidirectional controls reorder what a reviewer sees. Each is
// shown as its `\u001b` escape instead, so every printed line is exactly the line we built.

/** C0 and DEL, C1, the line and paragraph separators, and the bidirectional controls. */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every control character written as its `\uXXXX` escape. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}


/**
 * printable(), and no `:line:column: ` inside, so that the text cannot pass for a compiler-style
 * location (`file:1:2: error code: …`, what the `kijun` problem matcher reads). For every field
 * printed before a finding's own location (its path) or on a line that is not a finding.
 */
export function printableField(text: string): string {
  return printable(text).replace(/:(?=\d+:\d+: )/g, '\\u003a');
}
