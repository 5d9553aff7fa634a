// Escaping for the report formats. Every string that comes from a catalog, a standard, a file
// name or a message passes through one of these before it is written.
import { printable } from '../printable.js';

/** Text or attribute value in HTML (attributes are always double-quoted). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'\u0000]/g, (c) => HTML_ENTITIES[c] ?? c);
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '\u0000': '\uFFFD' };

/** Text or attribute value in XML 1.0: escapes markup and drops characters XML cannot carry. */
export function escapeXml(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/[&<>"']/g, (c) => XML_ENTITIES[c] ?? c)
    .replace(/\r/g, '&#13;');
}

const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Inline text in (GitHub-flavoured) Markdown, also inside a table cell: markup characters are
 * backslash-escaped, `&` becomes an entity, line breaks become spaces, so no content can
 * open a link, an HTML tag, emphasis or a new table cell.
 */
export function escapeMarkdown(text: string): string {
  // Other control characters (ESC, bidirectional overrides) are shown as `\u202e` escapes.
  return printable(text.replace(/\r\n?|\n/g, ' '))
    .replace(/[\\`*_[\]<>!|~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    // No bare web address turns into a link (GFM autolinks).
    .replace(/:\/\//g, '\\://')
    .replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}\\.`)
    // A line that starts with these would be read as a block; ours never starts with content,
    // but a cell like "- x" is still safer escaped.
    .replace(/^([-=])/, '\\$1');
}

/** A percent-encoded relative URI for a `/`-separated path (each segment encoded). */
export function pathUri(path: string): string {
  return path.split('/').map((s) => (s === '..' || s === '.' ? s : encodeURIComponent(s))).join('/');
}

/** 64-bit FNV-1a as 16 hex digits: stable fingerprints without a crypto dependency. */
export function fingerprint(text: string): string {
  let h = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= BigInt(byte);
    h = (h * prime) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}
