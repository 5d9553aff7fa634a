// Applicability (PRODUCT.md §5.2): catalog dimensions, `appliesTo`, and the `scope` of a standard,
// an exemption or a measure. A scope maps dimensions to the values it keeps; a dimension it does
// not name keeps every value.
import { isMap, isSeq, isScalar, type Node } from 'yaml';
import type { CatalogDimension, Finding, LocatedScope, Ref, ScopeEntry } from './model.js';
import type { LineIndex, Range } from './text.js';
import { asRecord, asText } from './values.js';
import { nodeAt, nodeRange, type YamlSource } from './yamlSource.js';
import { ownValue, setOwn } from './own.js';

/** Dimension → kept values. */
export type Scope = Record<string, string[]>;

// Models do not change once extracted, so a written scope's values are computed once.
const valuesOf = new WeakMap<LocatedScope, Scope>();

/** A written scope as plain data (the first entry of a dimension written twice wins nothing: values are merged). */
export function scopeValues(scope: LocatedScope | undefined): Scope | undefined {
  if (!scope) return undefined;
  const cached = valuesOf.get(scope);
  if (cached) return cached;
  const out: Scope = {};
  for (const entry of scope.entries) {
    const values = ownValue(out, entry.dimension) ?? [];
    for (const v of entry.values) if (!values.includes(v.id)) values.push(v.id);
    setOwn(out, entry.dimension, values);
  }
  valuesOf.set(scope, out);
  return out;
}

/** `dimensions:` of a catalog. */
export function readDimensions(source: YamlSource): CatalogDimension[] | undefined {
  const node = nodeAt(source, ['dimensions']);
  if (!node.exact || !isMap(node.node)) return undefined;
  const out: CatalogDimension[] = [];
  for (const pair of node.node.items) {
    const key = pair.key as Node | null;
    if (!isScalar(key) || typeof key.value !== 'string' || !key.range) continue;
    const raw = asRecord(asRecord(source.value).dimensions)[key.value];
    const valuesNode = isMap(pair.value) ? (pair.value.get('values', true) as Node | undefined) : undefined;
    out.push({
      id: key.value,
      range: nodeRange(source, key),
      values: isSeq(valuesNode) ? scalarRefs(source, valuesNode) : [],
      title: asText(asRecord(raw).title),
    });
  }
  return out;
}

/** A YAML scope map at `path` (`scope: { network: [closed] }`, `appliesTo:`); a lone value counts as a list of one. */
export function readYamlScope(source: YamlSource, path: (string | number)[]): LocatedScope | undefined {
  const found = nodeAt(source, path);
  if (!found.exact || !isMap(found.node)) return undefined;
  const entries: ScopeEntry[] = [];
  for (const pair of found.node.items) {
    const key = pair.key as Node | null;
    if (!isScalar(key) || typeof key.value !== 'string' || !key.range) continue;
    const value = pair.value as Node | null;
    const values = isSeq(value) ? scalarRefs(source, value) : isScalar(value) && value.range ? scalarRefs(source, { items: [value] }) : [];
    entries.push({ dimension: key.value, range: nodeRange(source, key), values });
  }
  return { entries, range: nodeRange(source, found.node) };
}

function scalarRefs(source: YamlSource, seq: { items: unknown[] }): Ref[] {
  return seq.items.flatMap((item): Ref[] => {
    if (!isScalar(item) || !item.range || item.value === null || typeof item.value === 'object') return [];
    return [{ id: String(item.value), range: nodeRange(source, item as Node) }];
  });
}

/** The key of a scope line: `Scope:` / `適用範囲:` (as list item, bold, block quote). */
export const SCOPE_LINE = /^[ \t]*(?:[-*+][ \t]*)*(?:\*\*|__)?(scope|適用範囲)(?:\*\*|__)?[ \t]*[:：][ \t]*(?:\*\*|__)?/i;

/**
 * The value of a scope line, `network=closed; system=it,ot-general`, read from `start` to `end`
 * of `text`. Dimensions are separated by `;`/`；`, values by `,` `、` `，` `・`; `=` may be full-width.
 */
export function readScopeLine(text: string, start: number, end: number, lines: LineIndex): LocatedScope {
  const entries: ScopeEntry[] = [];
  const problems: { text: string; range: Range }[] = [];
  const part = /[^;；]+/g;
  const slice = text.slice(start, end);
  for (let m = part.exec(slice); m; m = part.exec(slice)) {
    const raw = m[0].replace(/(?:\*\*|__)\s*$/, '');
    if (raw.trim() === '') continue;
    const at = start + m.index;
    const eq = /[=＝]/.exec(raw);
    const name = eq ? raw.slice(0, eq.index) : raw;
    const nameStart = at + name.length - name.trimStart().length;
    const dimension = name.trim().normalize('NFKC');
    if (!eq || !/^[A-Za-z][A-Za-z0-9_-]*$/.test(dimension)) {
      const s = at + raw.length - raw.trimStart().length;
      problems.push({ text: raw.trim(), range: lines.range(s, at + raw.trimEnd().length) });
      continue;
    }
    const values: Ref[] = [];
    const valuesStart = at + eq.index + 1;
    const valuePart = raw.slice(eq.index + 1);
    const word = /[^\s,、，・]+/g;
    for (let v = word.exec(valuePart); v; v = word.exec(valuePart)) {
      const s = valuesStart + v.index;
      values.push({ id: v[0].normalize('NFKC'), range: lines.range(s, s + v[0].length) });
    }
    if (values.length === 0) {
      problems.push({ text: raw.trim(), range: lines.range(nameStart, at + raw.trimEnd().length) });
      continue;
    }
    entries.push({ dimension, range: lines.range(nameStart, nameStart + name.trim().length), values });
  }
  if (entries.length === 0 && problems.length === 0) problems.push({ text: '', range: lines.range(start, end) });
  const scope: LocatedScope = { entries, range: lines.range(start, end) };
  if (problems.length > 0) scope.problems = problems;
  return scope;
}

/** Findings for the parts of a `Scope:` line that could not be read. */
export function scopeProblems(scope: LocatedScope | undefined): Finding[] {
  return (scope?.problems ?? []).map((p) => ({ code: 'schema' as const, range: p.range, message: 'scopeLineSyntax', args: { text: p.text } }));
}

/** Dimensions of a catalog as plain data. */
export function dimensionValues(dimensions: CatalogDimension[] | undefined): Map<string, string[]> {
  return new Map((dimensions ?? []).map((d) => [d.id, d.values.map((v) => v.id)]));
}

/**
 * Findings for a written scope against the catalog's dimensions (unknown dimension or value).
 * `what` names the place for the message (`@scopeOfStandard` etc.).
 */
export function checkScope(scope: LocatedScope | undefined, dimensions: Map<string, string[]>, catalog: string): Finding[] {
  if (!scope) return [];
  const out: Finding[] = [];
  for (const entry of scope.entries) {
    const values = dimensions.get(entry.dimension);
    if (!values) {
      const known = [...dimensions.keys()].join(', ');
      out.push({ code: 'schema', range: entry.range, message: 'unknownDimension', args: { dimension: entry.dimension, catalog, known: known || '-' } });
      continue;
    }
    for (const v of entry.values) {
      if (!values.includes(v.id)) {
        out.push({ code: 'schema', range: v.range, message: 'unknownDimensionValue', args: { dimension: entry.dimension, value: v.id, known: values.join(', ') } });
      }
    }
  }
  return out;
}

/** One combination of values: dimension → value. */
export type Cell = Record<string, string>;

/** Does a written scope contain the cell? A dimension it names but the catalog does not know matches nothing. */
export function scopeContains(scope: Scope | undefined, cell: Cell, known: Map<string, string[]>): boolean {
  if (!scope) return true;
  for (const [dimension, values] of Object.entries(scope)) {
    if (!known.has(dimension)) return false;
    if (Object.hasOwn(cell, dimension) && !values.includes(cell[dimension])) return false;
  }
  return true;
}

/** The values of one dimension a scope keeps (all of them when it does not name the dimension). */
export function kept(scope: Scope | undefined, dimension: string, all: string[]): string[] {
  const values = scope && ownValue(scope, dimension);
  return values ? all.filter((v) => values.includes(v)) : all;
}

/** Every combination of the given per-dimension values (dimensions in the given order). */
export function cellsOf(dimensions: [string, string[]][]): Cell[] {
  let cells: Cell[] = [{}];
  for (const [dimension, values] of dimensions) {
    cells = cells.flatMap((cell) => values.map((v) => ({ ...cell, [dimension]: v })));
  }
  return cells;
}

/**
 * Cells described for people: `network=open` when they are all combinations of their values
 * (a projection), otherwise each cell (`system=it, network=open / system=ot, network=closed`).
 * Dimensions whose every value is among the cells are left out of a projection.
 */
export function describeCells(cells: Cell[], space: [string, string[]][]): string {
  const projection = projectCells(cells, space);
  if (projection) return formatScope(projection);
  return cells.map((c) => Object.entries(c).map(([d, v]) => `${d}=${v}`).join(', ')).join(' / ');
}

/** The per-dimension values of the cells when the cells are exactly their product; undefined otherwise. */
export function projectCells(cells: Cell[], space: [string, string[]][]): Scope | undefined {
  const out: Scope = {};
  let product = 1;
  for (const [dimension, all] of space) {
    const values = all.filter((v) => cells.some((c) => ownValue(c, dimension) === v));
    product *= values.length;
    if (values.length < all.length) setOwn(out, dimension, values);
  }
  return product === cells.length ? out : undefined;
}

export function formatScope(scope: Scope): string {
  return Object.entries(scope).map(([d, values]) => `${d}=${values.join(',')}`).join('; ');
}
