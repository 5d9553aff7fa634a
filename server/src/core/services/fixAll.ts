// "Fix all" (`source.fixAll.kijun` in editors, `kijun check --fix` in the CLI): only the fixes
// that need no judgement. Each replaces exactly the flagged token on one line: an unknown id by
// its one nearest known id, a withdrawn control by its successor, a CSF 1.1 id by its single CSF
// 2.0 replacement, a marker token by the control id it was typed as.
import type { CodeAction, Diagnostic as LspDiagnostic, TextEdit } from 'vscode-languageserver-types';
import { LineIndex } from '../text.js';
import { UI } from './ui.js';
import type { ServiceContext } from './context.js';

export const FIX_ALL_KIND = 'source.fixAll.kijun';

interface FixData {
  suggestion?: string;
  replacedBy?: string;
  replacements?: string[];
  replacement?: string;
}

/** The replacement a diagnostic's own data makes certain, if any. */
function safeReplacement(diagnostic: LspDiagnostic): string | undefined {
  const data = (diagnostic.data ?? {}) as FixData;
  switch (diagnostic.code) {
    case 'unknown-control':
      return data.suggestion;
    case 'withdrawn-control':
      return data.replacedBy;
    case 'unknown-csf':
      return data.replacements?.length === 1 ? data.replacements[0] : undefined;
    case 'marker-syntax':
      return data.replacement;
    default:
      return undefined;
  }
}

const REPLACES_CONTROL = new Set(['unknown-control', 'withdrawn-control', 'unknown-csf']);

/**
 * Whether a diagnostic's range may be replaced by a token: it lies on one line (a YAML scalar
 * holding a lone CR spans lines for editors, not for YAML) and, for an id, holds the id itself as
 * written (any width, quoted or not). An id read through a YAML alias is located at the alias or
 * at the key that holds it; replacing that text would rewrite the author's structure. Quick-fixes
 * and fix-all both ask this.
 */
export function replaceable(text: string, diagnostic: LspDiagnostic): boolean {
  if (diagnostic.range.start.line !== diagnostic.range.end.line) return false;
  const control = (diagnostic.data as { control?: string } | undefined)?.control;
  if (!REPLACES_CONTROL.has(String(diagnostic.code)) || control === undefined) return true;
  const lines = new LineIndex(text);
  const token = text.slice(lines.offsetAt(diagnostic.range.start), lines.offsetAt(diagnostic.range.end));
  return token.normalize('NFKC').replace(/[\u200b-\u200d\u2060\ufeff]/g, '').replace(/^(["'])(.*)\1$/s, '$2').trim() === control;
}

/** Edits for every safe fix in a document; overlapping ranges, and ranges replaceable() refuses, are left alone. */
export function safeFixEdits(text: string, diagnostics: readonly LspDiagnostic[]): TextEdit[] {
  const lines = new LineIndex(text);
  const edits: { start: number; end: number; edit: TextEdit }[] = [];
  for (const d of diagnostics) {
    if (d.source !== undefined && d.source !== 'kijun') continue;
    const newText = safeReplacement(d);
    if (newText === undefined || !replaceable(text, d)) continue;
    const start = lines.offsetAt(d.range.start);
    const end = lines.offsetAt(d.range.end);
    if (end <= start || text.slice(start, end) === newText) continue;
    edits.push({ start, end, edit: { range: d.range, newText } });
  }
  edits.sort((a, b) => a.start - b.start);
  const kept: TextEdit[] = [];
  let last = -1;
  for (const e of edits) {
    if (e.start < last) continue;
    kept.push(e.edit);
    last = e.end;
  }
  return kept;
}

export function fixAllAction(ctx: ServiceContext, path: string, text: string, diagnostics: readonly LspDiagnostic[]): CodeAction[] {
  const edits = safeFixEdits(text, diagnostics);
  if (edits.length === 0) return [];
  return [{ title: UI[ctx.locale].fixAll(edits.length), kind: FIX_ALL_KIND, edit: { changes: { [ctx.toUri(path)]: edits } } }];
}

/** Applies non-overlapping edits (as safeFixEdits returns them) to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  let out = text;
  for (const e of [...edits].sort((a, b) => lines.offsetAt(b.range.start) - lines.offsetAt(a.range.start))) {
    out = out.slice(0, lines.offsetAt(e.range.start)) + e.newText + out.slice(lines.offsetAt(e.range.end));
  }
  return out;
}
