// CSV as Excel and scripts read it: RFC 4180 (CRLF between records, fields quoted when they hold a
// quote, comma or line break), UTF-8 with a BOM so that Excel opens Japanese text right.
import type { Cell, Table } from './correspondence.js';
import { cellText } from './correspondence.js';

const BOM = '\uFEFF';

/**
 * Text a spreadsheet would read as a formula (OWASP "CSV injection"): `=`, `+`, `-`, `@`, a tab or
 * a carriage return first, and their full-width forms, which Japanese Excel also converts.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** A text cell that cannot become a formula: a leading `'`, as OWASP recommends. */
export function defuse(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function csvField(cell: Cell): string {
  // Numbers are written by Kijun itself (levels, counts); only text from files is defused.
  const text = typeof cell === 'number' ? String(cell) : defuse(cellText(cell));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvDocument(header: string[], rows: Cell[][]): string {
  return BOM + [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export function tableCsv(table: Table): string {
  return csvDocument(table.header, table.rows);
}
