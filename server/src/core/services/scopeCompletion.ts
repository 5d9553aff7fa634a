// Completion of dimension names and values: after `Scope:` / `適用範囲:` in a Markdown measure, and
// in `scope:` / `appliesTo:` maps of YAML (front matter, standards, catalogs).
import type { CompletionItem } from 'vscode-languageserver-types';
import { CompletionItemKind } from 'vscode-languageserver-types';
import type { Range } from '../text.js';
import type { CatalogDimension } from '../model.js';
import { pickText } from '../messages.js';
import { SCOPE_LINE } from '../scope.js';
import { catalogOf, type ServiceContext } from './context.js';

const SCOPE_KEYS = new Set(['scope', 'appliesTo']);

function dimensionsOf(ctx: ServiceContext, path: string): CatalogDimension[] {
  const own = catalogOf(ctx.analysis, path);
  if (own) return own.model.dimensions ?? [];
  // While the author types, the front matter is often unreadable (`scope: { network: [`), so the
  // file has no baseline for a moment: offer the dimensions every loaded catalog declares.
  const seen = new Map<string, CatalogDimension>();
  for (const catalog of ctx.analysis.catalogs.values()) for (const d of catalog.model.dimensions ?? []) if (!seen.has(d.id)) seen.set(d.id, d);
  return [...seen.values()];
}

/** Items for a Markdown scope line, or undefined when the line is not one. `before` ends with `word`. */
export function scopeLineItems(ctx: ServiceContext, path: string, before: string, word: string, range: Range): CompletionItem[] | undefined {
  const key = SCOPE_LINE.exec(before);
  if (!key) return undefined;
  const typed = before.slice(key[0].length, before.length - word.length);
  const part = typed.split(/[;；]/).pop() ?? '';
  const eq = /^\s*([A-Za-z][A-Za-z0-9_-]*)\s*[=＝]/.exec(part);
  if (eq) return valueItems(ctx, path, eq[1], range);
  return /^\s*$/.test(part) ? nameItems(ctx, path, range, '=') : [];
}

/**
 * Items inside a YAML `scope:`/`appliesTo:` map: dimension names where a key is typed (`keys` are
 * the enclosing keys), values where a dimension's value is typed (`keys` end with the dimension).
 * Undefined when the cursor is not in such a map.
 */
export function scopeYamlItems(ctx: ServiceContext, path: string, keys: string[], typingKey: boolean, before: string, range: Range): CompletionItem[] | undefined {
  const last = keys[keys.length - 1];
  if (typingKey && SCOPE_KEYS.has(last)) return nameItems(ctx, path, range, ': ');
  if (!typingKey && keys.length >= 2 && SCOPE_KEYS.has(keys[keys.length - 2])) return valueItems(ctx, path, last, range);
  if (!typingKey && SCOPE_KEYS.has(last)) {
    // A flow map on the key's own line: `scope: { network: [clo` or `scope: { net`.
    const flow = /[{,]\s*([A-Za-z][A-Za-z0-9_-]*)\s*:\s*\[?[^\]}]*$/.exec(before);
    if (flow) return valueItems(ctx, path, flow[1], range);
    if (/[{,]\s*[A-Za-z0-9_-]*$/.test(before)) return nameItems(ctx, path, range, ': ');
    return [];
  }
  return undefined;
}

function nameItems(ctx: ServiceContext, path: string, range: Range, after: string): CompletionItem[] {
  return dimensionsOf(ctx, path).map((d) => ({
    label: d.id, kind: CompletionItemKind.Property,
    detail: `${pickText(d.title, ctx.locale)} (${d.values.map((v) => v.id).join(', ')})`.trim(),
    textEdit: { range, newText: `${d.id}${after}` },
  }));
}

function valueItems(ctx: ServiceContext, path: string, dimension: string, range: Range): CompletionItem[] {
  const d = dimensionsOf(ctx, path).find((x) => x.id === dimension);
  return (d?.values ?? []).map((v) => ({
    label: v.id, kind: CompletionItemKind.EnumMember, detail: pickText(d?.title, ctx.locale), textEdit: { range, newText: v.id },
  }));
}
