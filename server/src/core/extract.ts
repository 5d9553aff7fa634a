// One file's text → FileAnalysis. Pure and independent of every other file, so results can be
// cached by content and computed in parallel.
import type { FileAnalysis, FileRole, Finding } from './model.js';
import { LineIndex } from './text.js';
import { parseYaml, rangeAt, type YamlSource } from './yamlSource.js';
import { extractCatalog } from './extractCatalog.js';
import { parseMarkdown, markdownKind, extractMarkdownStandard } from './extractMarkdown.js';
import { extractYamlStandard } from './extractYamlStandard.js';
import { readSuppressions } from './suppressions.js';
import { extractOscalFile, extractOscalYaml, isOscalPath, oscalKindOf } from './oscal/extractOscal.js';
import { append } from './arrays.js';

export type { FileRole } from './model.js';

/** The editor's language for a document whose name has no usable extension (`untitled:`, a notebook cell). */
export type DocumentLanguage = 'markdown' | 'yaml';

export function isMarkdownPath(path: string): boolean {
  return /\.(md|markdown)$/i.test(path);
}

export function isYamlPath(path: string): boolean {
  return /\.ya?ml$/i.test(path);
}

/**
 * Extracts a file's model. `role` is what the configuration says the file is; without it the
 * file's own `kind` decides, and a file of no kind is not ours (no model, no findings).
 */
/** Workspace settings that change how a file is read (kijun.yaml); part of any cache key. */
export interface ExtractOptions {
  measureLabels?: readonly string[];
}

export function extractFile(path: string, text: string, role?: FileRole, language?: DocumentLanguage, options: ExtractOptions = {}): FileAnalysis {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = new LineIndex(text);
  const result: FileAnalysis = { path, findings: [], eol: lines.eol };
  if (isMarkdownPath(path) || (language === 'markdown' && !isYamlPath(path) && !isOscalPath(path))) return extractMarkdownFile(text, lines, role, result, options);
  if (isOscalPath(path)) {
    const oscal = extractOscalFile(path, text, lines, role, result);
    if (oscal) return oscal;
  }
  const source = parseYaml(text, 0, lines);
  const kind = kindOf(source.value) ?? kindInBrokenText(source.value, text);
  const oscalKind = kind === undefined ? oscalKindOf(source.value) : undefined;
  if (oscalKind) return extractOscalYaml(path, source, oscalKind, role, result);
  const actual: FileRole | undefined = kind === 'catalog' || kind === 'standard' ? kind : undefined;
  if (!role && !actual) return result;
  append(result.findings, source.findings);
  if (source.doc?.errors.length || source.value === undefined) {
    // Unparseable: keep the syntax findings; the file still belongs where its role says.
    return result;
  }
  if (!isPlainObject(source.value)) {
    result.findings.push({ code: 'schema', range: lines.range(0, Math.min(text.length, lines.lineEnd(0))), message: 'notAMapping' });
    return result;
  }
  const effective = role ?? actual;
  if (role && actual !== role) result.findings.push(wrongKind(source, role, kind));
  if (effective === 'catalog' && actual !== 'standard') {
    const { model, findings } = extractCatalog(source);
    result.model = model;
    append(result.findings, findings.filter((f) => !(role && f.message === 'schemaEnum' && f.args?.path === 'kind')));
  } else if (actual === 'standard' || effective === 'standard') {
    const { model, findings } = extractYamlStandard(text, lines, source, options);
    result.model = model;
    append(result.findings, findings.filter((f) => !(role && f.message === 'schemaEnum' && f.args?.path === 'kind')));
  }
  return result.model ? withSuppressions(result, text, lines, 'yaml') : result;
}

function extractMarkdownFile(text: string, lines: LineIndex, role: FileRole | undefined, result: FileAnalysis, options: ExtractOptions): FileAnalysis {
  const extraction = parseMarkdown(text, lines);
  const kind = markdownKind(extraction) ?? kindInBrokenText(extraction.frontMatter?.source.value, text);
  if (!role && kind !== 'standard') return result;
  append(result.findings, extraction.findings);
  const { model, findings } = extractMarkdownStandard(text, lines, extraction, options);
  result.model = model;
  append(result.findings, findings);
  const fm = extraction.frontMatter;
  return withSuppressions(result, text, lines, 'markdown', fm ? lines.positionAt(fm.end).line + 1 : 0);
}

function withSuppressions(result: FileAnalysis, text: string, lines: LineIndex, format: 'markdown' | 'yaml', bodyStartLine = 0): FileAnalysis {
  const { suppressions, findings } = readSuppressions(text, lines, format, bodyStartLine);
  if (suppressions.length > 0) result.suppressions = suppressions;
  append(result.findings, findings);
  return result;
}

/**
 * When YAML cannot be read, a `kind:` line still tells whether the file was meant to be ours, so
 * that its syntax errors are reported rather than the file silently ignored.
 */
function kindInBrokenText(value: unknown, text: string): string | undefined {
  if (value !== undefined) return undefined;
  return /^kind:[ \t]*["']?(standard|catalog)\b/m.exec(text.slice(0, 4096))?.[1];
}

function kindOf(value: unknown): unknown {
  return isPlainObject(value) ? value.kind : undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function wrongKind(source: YamlSource, role: FileRole, kind: unknown): Finding {
  return { code: 'schema', range: rangeAt(source, ['kind']), message: 'wrongKind', args: { expected: role, actual: kind === undefined ? '(none)' : String(kind) } };
}
