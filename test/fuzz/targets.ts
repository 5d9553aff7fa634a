// What one fuzz input exercises: the parser entry points and, for the analysis target, the
// cross-file analysis and every editor service. Besides exceptions, broken invariants (a range
// outside its document) are reported by throwing, so the fuzzer treats them as crashes.
import { decodeBytes } from '../../server/src/core/decode.js';
import { extractFile, type FileRole } from '../../server/src/core/extract.js';
import { parseConfig } from '../../server/src/core/config.js';
import { analyzeWorkspace } from '../../server/src/core/analyze.js';
import { toDiagnostics } from '../../server/src/core/diagnostics.js';
import { LineIndex, type Range } from '../../server/src/core/text.js';
import { parseJsonSource } from '../../server/src/core/oscal/jsonSource.js';
import { parseXmlSource } from '../../server/src/core/oscal/xmlSource.js';
import { readOscalCatalog } from '../../server/src/core/oscal/catalog.js';
import { toLspDiagnostic } from '../../server/src/core/services/lspDiagnostics.js';
import { codeActions } from '../../server/src/core/services/codeActions.js';
import { hover } from '../../server/src/core/services/hover.js';
import { completion } from '../../server/src/core/services/completion.js';
import { definition, references, documentSymbols, workspaceSymbols, codeLenses } from '../../server/src/core/services/navigation.js';
import { coverageView, fileInfo } from '../../server/src/core/services/coverageView.js';
import type { ServiceContext } from '../../server/src/core/services/context.js';
import type { FileAnalysis } from '../../server/src/core/model.js';
import { CATALOG } from '../helpers/memoryWorkspace.js';

export type Target = 'extract' | 'decode' | 'config' | 'oscal' | 'analyze';
export const TARGETS: Target[] = ['extract', 'decode', 'config', 'oscal', 'analyze'];

export interface FuzzInput {
  target: Target;
  /** Its extension picks the parser (.md, .yaml, .json, .xml). */
  path: string;
  role?: FileRole;
  bytes: Uint8Array;
}

/** A short summary of what the input did, used to keep inputs that behave in a new way. */
export function runInput(input: FuzzInput): string {
  const decoded = decodeBytes(input.bytes);
  if (input.target === 'decode' || !decoded.ok) return decoded.ok ? 'decoded' : `refused:${decoded.message}`;
  const text = decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text;
  switch (input.target) {
    case 'config': {
      const parsed = parseConfig(decoded.text);
      checkRanges(text, parsed.findings.map((f) => f.range), 'config finding');
      return `config:${signature(parsed.findings)}`;
    }
    case 'oscal': {
      const lines = new LineIndex(text);
      const source = /^\s*</.test(text) ? parseXmlSource(text, lines) : parseJsonSource(text, lines);
      const read = source.value === undefined ? { findings: source.findings } : readOscalCatalog(source, input.path);
      checkRanges(text, read.findings.map((f) => f.range), 'oscal finding');
      return `oscal:${source.format}:${signature(read.findings)}`;
    }
    case 'extract': {
      const file = extractFile(input.path, decoded.text, input.role);
      checkFile(text, file);
      return `extract:${file.model?.kind ?? '-'}:${signature(file.findings)}`;
    }
    case 'analyze':
      return analyzeWithServices(input, decoded.text, text);
  }
}

/** The input next to a small catalog, analysed, then every service asked about it. */
function analyzeWithServices(input: FuzzInput, raw: string, text: string): string {
  const catalog = extractFile('/ws/catalog.yaml', CATALOG);
  const file = extractFile(input.path, raw, input.role);
  checkFile(text, file);
  const analysis = analyzeWorkspace([catalog, file], { exemptionRationaleMinLength: 20, today: '2026-11-24' });
  const findings = analysis.findings.get(input.path) ?? [];
  checkRanges(text, findings.map((f) => f.range), 'analysis finding');
  const ctx: ServiceContext = { analysis, locale: 'ja', toUri: (p) => `file://${p}`, today: '2026-11-24' };
  const diagnostics = toDiagnostics(findings, { locale: 'ja', rules: {}, docsBase: 'file:///docs/' }).map(toLspDiagnostic);
  for (const action of codeActions(ctx, input.path, text, diagnostics)) {
    for (const edit of action.edit?.changes?.[`file://${input.path}`] ?? []) checkRanges(text, [edit.range], 'quick-fix edit');
  }
  const lines = new LineIndex(text);
  for (const position of probePositions(lines)) {
    const h = hover(ctx, input.path, position, text);
    if (h?.range) checkRanges(text, [h.range], 'hover');
    completion(ctx, input.path, text, position);
    definition(ctx, input.path, position, text);
    references(ctx, input.path, position, true, text);
  }
  documentSymbols(ctx, input.path);
  workspaceSymbols(ctx, 'PR');
  codeLenses(ctx, input.path);
  coverageView(ctx);
  fileInfo(ctx, input.path);
  return `analyze:${file.model?.kind ?? '-'}:${signature(findings)}`;
}

/** A few positions spread over the document, including its last character and one past it. */
function probePositions(lines: LineIndex): { line: number; character: number }[] {
  const n = lines.lineCount;
  const picks = [0, Math.floor(n / 3), Math.floor(n / 2), n - 1, n];
  return picks.flatMap((line) => [{ line, character: 0 }, { line, character: 3 }, { line, character: 12 }, { line, character: 1000 }]);
}

function checkFile(text: string, file: FileAnalysis): void {
  checkRanges(text, file.findings.map((f) => f.range), 'extraction finding');
  const model = file.model;
  if (model?.kind === 'standard') {
    checkRanges(text, model.measures.flatMap((m) => [m.range, m.sectionRange, ...m.covers.map((c) => c.range), ...m.csf.map((c) => c.range)]), 'measure');
  } else if (model?.kind === 'catalog') {
    checkRanges(text, model.controls.flatMap((c) => [c.range, c.entryRange, ...c.csf.map((x) => x.range)]), 'control');
  }
}

/** Throws when a range is not inside the text: line < line count, character <= line length (UTF-16), start <= end. */
export function checkRanges(text: string, ranges: Range[], what: string): void {
  const lines = new LineIndex(text);
  for (const r of ranges) {
    for (const p of [r.start, r.end]) {
      const ok = Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.character >= 0 &&
        p.line < lines.lineCount && p.character <= lines.lineEnd(p.line) - lines.lineStart(p.line);
      if (!ok) throw new Error(`${what} range outside the document: ${JSON.stringify(r)}`);
    }
    if (r.start.line > r.end.line || (r.start.line === r.end.line && r.start.character > r.end.character)) {
      throw new Error(`${what} range ends before it starts: ${JSON.stringify(r)}`);
    }
  }
}

function signature(findings: { code: string; message: string }[]): string {
  return [...new Set(findings.map((f) => `${f.code}/${f.message}`))].sort().join(',');
}
