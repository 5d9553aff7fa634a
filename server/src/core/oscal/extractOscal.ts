// Extraction of OSCAL files, called from extract.ts: detection by content (a top-level
// `catalog` in JSON or YAML, a root `<catalog>` in the OSCAL namespace in XML), parsing with
// positions and reading into a CatalogModel.
import type { FileAnalysis, FileRole, Finding } from '../model.js';
import type { LineIndex } from '../text.js';
import { rangeAt, type YamlSource } from '../yamlSource.js';
import { parseJsonSource } from './jsonSource.js';
import { OSCAL_NS, parseXmlSource, xmlRoot } from './xmlSource.js';
import { readOscalCatalog } from './catalog.js';
import type { OscalSource } from './source.js';
import { append } from '../arrays.js';

export type OscalKind = 'catalog' | 'profile';

export function isJsonPath(path: string): boolean {
  return /\.json$/i.test(path);
}

export function isXmlPath(path: string): boolean {
  return /\.xml$/i.test(path);
}

/** Paths that may hold an OSCAL document Kijun reads (besides YAML). */
export function isOscalPath(path: string): boolean {
  return isJsonPath(path) || isXmlPath(path);
}

const JSON_HEAD = /^\s*\{\s*(?:"\$schema"\s*:\s*"(?:[^"\\]|\\.)*"\s*,\s*)?"(catalog|profile)"\s*:\s*\{/;

/** What OSCAL document the start of a JSON or XML text opens, if any. */
export function sniffOscal(head: string): OscalKind | undefined {
  const json = JSON_HEAD.exec(head);
  if (json) return json[1] as OscalKind;
  if (!/^\s*(?:\uFEFF)?</.test(head)) return undefined;
  const root = xmlRoot(head);
  return root && root.uri === OSCAL_NS && (root.local === 'catalog' || root.local === 'profile') ? root.local : undefined;
}

/** A parsed YAML value that is an OSCAL document (OSCAL also has a YAML form). */
export function oscalKindOf(value: unknown): OscalKind | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const keys = Object.keys(value).filter((k) => k !== '$schema');
  return keys.length === 1 && (keys[0] === 'catalog' || keys[0] === 'profile') ? keys[0] : undefined;
}

/**
 * Extracts a JSON or XML file. Returns undefined when a JSON file is not OSCAL but was
 * configured as a catalog or standard: it is then read as a Kijun file written in JSON.
 */
export function extractOscalFile(path: string, text: string, lines: LineIndex, role: FileRole | undefined, result: FileAnalysis): FileAnalysis | undefined {
  const kind = sniffOscal(text.slice(0, 4096));
  if (!kind) {
    if (!role) return result;
    if (isJsonPath(path)) return undefined;
    result.findings.push({ code: 'schema', range: lines.range(0, Math.min(text.length, lines.lineEnd(0))), message: 'oscalNotCatalog' });
    return result;
  }
  if (kind === 'profile' && !role) return result;
  const source = isXmlPath(path) || /^\s*</.test(text) ? parseXmlSource(text, lines) : parseJsonSource(text, lines);
  return extractOscalSource(path, source, kind, role, result);
}

/** An OSCAL document written in YAML, already parsed by the YAML reader. */
export function extractOscalYaml(path: string, yaml: YamlSource, kind: OscalKind, role: FileRole | undefined, result: FileAnalysis): FileAnalysis {
  if (kind === 'profile' && !role) return result;
  const source: OscalSource = {
    format: 'yaml', value: yaml.value, findings: [], lines: yaml.lines,
    rangeAt: (p, which) => rangeAt(yaml, p, which),
  };
  return extractOscalSource(path, source, kind, role, result);
}

function extractOscalSource(path: string, source: OscalSource, kind: OscalKind, role: FileRole | undefined, result: FileAnalysis): FileAnalysis {
  append(result.findings, source.findings);
  if (source.value === undefined) return result;
  if (kind === 'profile') {
    result.findings.push(notACatalog(source, 'oscalProfileNotCatalog'));
    return result;
  }
  if (role === 'standard') result.findings.push(notACatalog(source, 'wrongKind'));
  const { model, findings } = readOscalCatalog(source, path);
  result.model = model;
  append(result.findings, findings);
  return result;
}

function notACatalog(source: OscalSource, message: 'oscalProfileNotCatalog' | 'wrongKind'): Finding {
  const key = Object.keys(source.value as object).find((k) => k !== '$schema') ?? '';
  const range = source.rangeAt([key], 'key');
  return message === 'wrongKind' ? { code: 'schema', range, message, args: { expected: 'standard', actual: 'catalog (OSCAL)' } } : { code: 'schema', range, message };
}
