// Completion of control, measure, CSF, sector and baseline ids, and of YAML keys and values
// from the JSON Schemas.
import type { CompletionItem } from 'vscode-languageserver-types';
import { CompletionItemKind, InsertTextFormat } from 'vscode-languageserver-types';
import catalogSchema from '../../../../schemas/catalog.schema.json' with { type: 'json' };
import frontMatterSchema from '../../../../schemas/standard-frontmatter.schema.json' with { type: 'json' };
import standardSchema from '../../../../schemas/standard.schema.json' with { type: 'json' };
import configSchema from '../../../../schemas/kijun.schema.json' with { type: 'json' };
import { LineIndex, type Position, type Range } from '../text.js';
import { pickText } from '../messages.js';
import { csfElements } from '../csf.js';
import { isMarkdownPath } from '../extract.js';
import { catalogOf, groupOf, type ServiceContext } from './context.js';
import { describeControl, describeCsf } from './hover.js';
import { scopeLineItems, scopeYamlItems } from './scopeCompletion.js';
import { SCOPE_LINE } from '../scope.js';

type Schema = { properties?: Record<string, Schema>; items?: Schema; enum?: unknown[]; const?: unknown; description?: string };

const MARKER_PREFIX = /^[ \t]*(?:[-*+>][ \t]*)*(?:\*\*|__)?(?:covers|対応)(?:\*\*|__)?[ \t]*[:：]|<!--[ \t]*(?:covers|対応)[ \t]*[:：][^>]*$/i;
const ID_CHARS = /[A-Za-z0-9_.-]*$/;

export function completion(ctx: ServiceContext, path: string, text: string, position: Position, isConfig = false): CompletionItem[] {
  const lines = new LineIndex(text);
  // A client may ask past the end of a line or of the text; answer for the nearest real position.
  position = lines.positionAt(lines.offsetAt(position));
  const lineStart = lines.lineStart(position.line);
  const before = text.slice(lineStart, lines.offsetAt(position));
  const word = ID_CHARS.exec(before)?.[0] ?? '';
  const range: Range = { start: { line: position.line, character: position.character - word.length }, end: position };
  const inHeader = isConfig || !isMarkdownPath(path) || inFrontMatter(text, lines, position);
  if (!inHeader) {
    if (SCOPE_LINE.test(before)) return scopeLineItems(ctx, path, before, word, range) ?? [];
    if (MARKER_PREFIX.test(before.slice(0, before.length - word.length))) return controlItems(ctx, path, range);
    if (/^(GV|ID|PR|DE|RS|RC)\b/.test(word)) return csfItems(ctx, range);
    return [];
  }
  const schema = headerSchema(ctx, path, isConfig);
  const keyPath = yamlKeyPath(text, lines, position.line, before);
  const scoped = scopeYamlItems(ctx, path, keyPath ?? parentPath(text, lines, position.line), !keyPath, before, range);
  if (scoped) return scoped;
  if (!keyPath) return keyItems(schemaAt(schema, parentPath(text, lines, position.line)), range);
  return valueItems(ctx, path, schema, keyPath, range);
}

/** Inside the opening `---` block, judged from the text so that a half-written file counts. */
function inFrontMatter(text: string, lines: LineIndex, position: Position): boolean {
  if (!/^(\ufeff)?---[ \t]*\r?$/.test(text.slice(0, lines.lineEnd(0)))) return false;
  for (let l = 1; l < lines.lineCount; l++) {
    if (/^---[ \t]*$/.test(text.slice(lines.lineStart(l), lines.lineEnd(l)))) return position.line > 0 && position.line < l;
  }
  return position.line > 0;
}

function headerSchema(ctx: ServiceContext, path: string, isConfig: boolean): Schema {
  if (isConfig) return configSchema as Schema;
  if (isMarkdownPath(path)) return frontMatterSchema as Schema;
  const model = ctx.analysis.files.get(path)?.model;
  return (model?.kind === 'catalog' ? catalogSchema : standardSchema) as Schema;
}

/** The keys leading to the value being typed, or undefined when a key is being typed. */
function yamlKeyPath(text: string, lines: LineIndex, line: number, before: string): string[] | undefined {
  const own = /^(\s*)(?:-\s+)?([A-Za-z][\w-]*)\s*:\s*(.*)$/.exec(before);
  if (own) return [...parentPath(text, lines, line), own[2]];
  if (/^\s*-\s+[^:]*$/.test(before)) {
    const parents = parentPath(text, lines, line);
    return parents.length ? parents : undefined;
  }
  return undefined;
}

/** Keys of the enclosing mappings, found by indentation (list entries count as their key). */
function parentPath(text: string, lines: LineIndex, line: number): string[] {
  const current = text.slice(lines.lineStart(line), lines.lineEnd(line));
  let indent = /^\s*/.exec(current)?.[0].length ?? 0;
  if (/^\s*-\s/.test(current)) indent += 0.5;
  const path: string[] = [];
  for (let l = line - 1; l >= 0 && indent > 0; l--) {
    const t = text.slice(lines.lineStart(l), lines.lineEnd(l));
    if (/^\s*(#.*)?$/.test(t) || t.startsWith('---')) continue;
    const m = /^(\s*)(-\s+)?([A-Za-z][\w-]*)\s*:/.exec(t);
    const own = (/^\s*/.exec(t)?.[0].length ?? 0) + (m?.[2] ? m[2].length : 0);
    if (m && own < indent) {
      path.unshift(m[3]);
      indent = m[1].length;
    }
  }
  return path;
}

function schemaAt(schema: Schema, keys: string[]): Schema {
  let s: Schema | undefined = schema;
  for (const k of keys) s = s?.properties?.[k] ?? s?.items?.properties?.[k];
  return s?.items ?? s ?? {};
}

function keyItems(schema: Schema, range: Range): CompletionItem[] {
  return Object.entries(schema.properties ?? {}).map(([key, s]) => ({
    label: key, kind: CompletionItemKind.Property, detail: s.description,
    textEdit: { range, newText: `${key}: ` },
  }));
}

function valueItems(ctx: ServiceContext, path: string, schema: Schema, keys: string[], range: Range): CompletionItem[] {
  const key = keys[keys.length - 1];
  switch (key) {
    case 'covers':
    case 'control':
    case 'replacedBy':
      return controlItems(ctx, path, range);
    case 'compensating':
      return compensatingMeasures(ctx, path).map((m) => ({
        label: m.id, kind: CompletionItemKind.Reference, detail: m.title, textEdit: { range, newText: m.id },
      }));
    case 'csf':
      return csfItems(ctx, range);
    case 'function': {
      const groups = catalogOf(ctx.analysis, path)?.model.groups;
      const ids = groups?.length ? groups.map((g) => g.id) : ['GV', 'ID', 'PR', 'DE', 'RS', 'RC'];
      return ids.map((id) => ({ label: id, kind: CompletionItemKind.Value, textEdit: { range, newText: id } }));
    }
    case 'sector':
      return ctx.analysis.sectors.map((s, i) => ({
        label: s.id, kind: CompletionItemKind.EnumMember, detail: `${pickText(s.name, ctx.locale)} (${pickText(s.ministry, ctx.locale)})`,
        sortText: String(i).padStart(3, '0'), textEdit: { range, newText: s.id },
      }));
    case 'baseline':
      return [...ctx.analysis.catalogs.values()].map((c) => ({
        label: c.key, kind: CompletionItemKind.Module, detail: pickText(c.model.title, ctx.locale), textEdit: { range, newText: c.key },
      }));
    default: {
      const s = schemaAt(schema, keys);
      const values = s.enum ?? (s.const !== undefined ? [s.const] : []);
      return values.map((v) => ({ label: String(v), kind: CompletionItemKind.Value, textEdit: { range, newText: String(v) } }));
    }
  }
}

function controlItems(ctx: ServiceContext, path: string, range: Range): CompletionItem[] {
  const catalogs = catalogOf(ctx.analysis, path) ? [catalogOf(ctx.analysis, path)!] : [...ctx.analysis.catalogs.values()];
  const items: CompletionItem[] = [];
  for (const catalog of catalogs) {
    for (const control of catalog.controls.values()) {
      if (control.withdrawn) continue;
      items.push({
        label: control.id,
        kind: CompletionItemKind.Reference,
        detail: pickText(control.title, ctx.locale),
        documentation: { kind: 'markdown', value: describeControl(ctx, path, control.id) ?? '' },
        filterText: `${control.id} ${pickText(control.title, ctx.locale)}`,
        textEdit: { range, newText: control.id },
        insertTextFormat: InsertTextFormat.PlainText,
      });
    }
  }
  return items;
}

function csfItems(ctx: ServiceContext, range: Range): CompletionItem[] {
  return [...csfElements()].filter((e) => e.kind !== 'function').map((e) => ({
    label: e.id,
    kind: CompletionItemKind.Constant,
    detail: e.kind === 'subcategory' ? e.text : e.kind === 'category' ? e.title : '',
    documentation: { kind: 'markdown', value: describeCsf(ctx, e.id) ?? '' },
    textEdit: { range, newText: e.id },
  }));
}

/**
 * The measures a `compensating` list may name: the sector's. While the author types the list
 * (`compensating: [`) the front matter does not parse, so the file has no sector for a moment;
 * its own measures are still known then.
 */
function compensatingMeasures(ctx: ServiceContext, path: string): { id: string; title: string }[] {
  const group = groupOf(ctx.analysis, path);
  if (group) return [...group.measures.values()].map((s) => s.measure);
  const model = ctx.analysis.files.get(path)?.model;
  return model?.kind === 'standard' ? model.measures : [];
}
