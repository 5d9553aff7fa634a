// `kijun/importDocx`: the editor hands over a Word file's bytes (base64) and gets the Markdown
// standard back, with the notes localised. The server converts; the editor only shows the result.
// The bytes come from the client rather than a path, so the server reads nothing on the way.
import type { Connection } from 'vscode-languageserver/node';
import { docxToMarkdown, MAX_UNCOMPRESSED, noteText, problemText, type Locale } from '../core/service.js';

export interface ImportDocxParams {
  /** The .docx file's bytes, base64. */
  data: string;
  sector?: string;
  baseline?: string;
  level?: number;
  locale?: string;
}

export type ImportDocxResult =
  | { ok: true; markdown: string; measures: number; notes: string[] }
  | { ok: false; message: string };

export function registerImportDocx(connection: Connection, locale: () => Locale): void {
  connection.onRequest<ImportDocxResult, unknown>('kijun/importDocx', (p: ImportDocxParams): ImportDocxResult => importDocx(p, p?.locale === 'ja' || p?.locale === 'en' ? p.locale : locale()));
}

export function importDocx(p: ImportDocxParams, locale: Locale): ImportDocxResult {
  const data = typeof p?.data === 'string' ? p.data : '';
  // base64 is 4/3 of the bytes: refuse before decoding what the importer would refuse anyway.
  if (data.length > (MAX_UNCOMPRESSED / 3) * 4 + 4) return { ok: false, message: problemText({ reason: 'tooLarge', limitMb: MAX_UNCOMPRESSED / 1024 / 1024 }, locale) };
  const bytes = new Uint8Array(Buffer.from(data, 'base64'));
  const text = (s: unknown) => (typeof s === 'string' && /^[a-z0-9-]+(@[^\s@]+)?$/.test(s) ? s : undefined);
  const level = typeof p?.level === 'number' && Number.isInteger(p.level) && p.level >= 1 && p.level <= 9 ? p.level : undefined;
  const result = docxToMarkdown(bytes, { sector: text(p?.sector), baseline: text(p?.baseline), level });
  if (!result.ok) return { ok: false, message: problemText(result.problem, locale) };
  return { ok: true, markdown: result.markdown, measures: result.measures.length, notes: result.notes.map((n) => noteText(n, locale)) };
}
