// Quick-fixes for applicability (PRODUCT.md §5.2), insert-only like every other quick-fix:
// - narrow an exemption to the scope where no measure covers its control (covered-and-exempted);
// - add a measure for the part of the scope left uncovered (uncovered-control with uncoveredScope).
// The second one reuses the plain "add a measure" action and adds its `Scope:` line.
import type { CodeAction, Diagnostic as LspDiagnostic, TextEdit } from 'vscode-languageserver-types';
import type { Locale } from '../model.js';
import { LineIndex } from '../text.js';
import { formatScope, type Scope } from '../scope.js';
import type { ServiceContext } from './context.js';
import { documentLanguage } from './documentLanguage.js';
import { localeTexts } from '../texts.js';

const TITLES = localeTexts('scopeActions', {
  narrow: (id: string, scope: string) => `${id} の適用除外を ${scope} に限定する`,
  addScoped: (id: string, scope: string) => `${scope} 向けに ${id} に対応する対策を追加`,
}, {
  narrow: (id: string, scope: string) => `Narrow the exemption of ${id} to ${scope}`,
  addScoped: (id: string, scope: string) => `Add a measure covering ${id} for ${scope}`,
});

/** Extra actions for one diagnostic; `existing` are the actions already offered for it. */
export function scopeActions(ctx: ServiceContext, path: string, text: string, diagnostic: LspDiagnostic, existing: CodeAction[]): CodeAction[] {
  if (diagnostic.source !== 'kijun') return [];
  const data = (diagnostic.data ?? {}) as { control?: string; narrowTo?: Scope; uncoveredScope?: Scope };
  if (!data.control) return [];
  if (diagnostic.code === 'covered-and-exempted' && data.narrowTo && Object.keys(data.narrowTo).length > 0) {
    const edit = narrowEdit(text, diagnostic, data.narrowTo);
    if (!edit) return [];
    return [{
      title: TITLES[ctx.locale].narrow(data.control, formatScope(data.narrowTo)), kind: 'quickfix', diagnostics: [diagnostic], isPreferred: true,
      edit: { changes: { [ctx.toUri(path)]: [edit] } },
    }];
  }
  if (diagnostic.code === 'uncovered-control' && data.uncoveredScope && Object.keys(data.uncoveredScope).length > 0) {
    const plain = existing.find((a) => a.diagnostics?.[0] === diagnostic && a.isPreferred && a.edit?.changes?.[ctx.toUri(path)]?.length === 1);
    const edit = plain?.edit?.changes?.[ctx.toUri(path)]?.[0];
    const scoped = edit && withScope(edit, data.control, data.uncoveredScope, documentLanguage(text));
    if (!scoped) return [];
    return [{
      title: TITLES[ctx.locale].addScoped(data.control, formatScope(data.uncoveredScope)), kind: 'quickfix', diagnostics: [diagnostic],
      edit: { changes: { [ctx.toUri(path)]: [scoped] } },
    }];
  }
  return [];
}

/** A `scope:` line inserted after the exemption's `control:` line, at that key's indentation. */
function narrowEdit(text: string, diagnostic: LspDiagnostic, scope: Scope): TextEdit | undefined {
  const lines = new LineIndex(text);
  const line = diagnostic.range.start.line;
  const content = text.slice(lines.lineStart(line), lines.lineEnd(line));
  const key = /^([ \t]*(?:-[ \t]+)?)control[ \t]*:/.exec(content);
  if (!key) return undefined;
  const indent = ' '.repeat(key[1].length);
  const entry = `${indent}scope: ${yamlScope(scope)}`;
  const eol = lines.eol;
  if (line + 1 < lines.lineCount) {
    const at = { line: line + 1, character: 0 };
    return { range: { start: at, end: at }, newText: `${entry}${eol}` };
  }
  const end = lines.positionAt(lines.lineEnd(line));
  return { range: { start: end, end }, newText: `${eol}${entry}` };
}

function yamlScope(scope: Scope): string {
  return `{ ${Object.entries(scope).map(([d, v]) => `${d}: [${v.join(', ')}]`).join(', ')} }`;
}

/** The plain new measure with a scope line after its marker (Markdown) or `covers:` (YAML). */
function withScope(edit: TextEdit, control: string, scope: Scope, language: Locale): TextEdit | undefined {
  const text = edit.newText;
  const marker = new RegExp(`^(?:対応|Covers): ${escape(control)}(\\r?\\n|\\r)`, 'm').exec(text);
  if (marker) {
    const key = language === 'ja' ? '適用範囲' : 'Scope';
    const at = marker.index + marker[0].length;
    return { ...edit, newText: `${text.slice(0, at)}${key}: ${formatScope(scope)}${marker[1]}${text.slice(at)}` };
  }
  const covers = new RegExp(`^([ \\t]*)covers: \\[${escape(control)}\\](\\r?\\n|\\r|$)`, 'm').exec(text);
  if (!covers) return undefined;
  const at = covers.index + covers[0].length;
  const eol = covers[2] || '\n';
  const line = `${covers[1]}scope: ${yamlScope(scope)}`;
  return { ...edit, newText: covers[2] ? `${text.slice(0, at)}${line}${eol}${text.slice(at)}` : `${text}${eol}${line}` };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
