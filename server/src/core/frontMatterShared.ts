// Parts common to both standard forms: the header keys and the exemption list, read from YAML.
import { isScalar } from 'yaml';
import type { BaselineRef, Exemption, Ref, StandardModel } from './model.js';
import { asRecord, asString } from './extractCatalog.js';
import { nodeAt, nodeRange, rangeAt, type YamlSource } from './yamlSource.js';
import type { Range } from './text.js';
import { widthFold } from './labels.js';
import { readYamlScope } from './scope.js';
import { yamlDate } from './measureFacts.js';

export function readHeader(source: YamlSource): Pick<StandardModel, 'sector' | 'sectorRange' | 'title' | 'baseline' | 'level' | 'levelRange' | 'exemptions' | 'scope' | 'effective'> {
  const root = asRecord(source.value);
  const sector = asString(root.sector);
  const level = typeof root.level === 'number' && Number.isInteger(root.level) && root.level >= 1 ? root.level : 1;
  const title = asString(root.title) ?? asString(asRecord(root.title).ja) ?? asString(asRecord(root.title).en);
  return {
    sector,
    sectorRange: sector ? rangeAt(source, ['sector']) : undefined,
    title,
    baseline: readBaseline(source, root.baseline),
    level,
    levelRange: root.level !== undefined ? rangeAt(source, ['level']) : undefined,
    exemptions: readExemptions(source, root.exemptions),
    ...applicability(source, root),
  };
}

/** `scope:` and `effective:` of a standard, present only when written. */
function applicability(source: YamlSource, root: Record<string, unknown>): Pick<StandardModel, 'scope' | 'effective'> {
  const scope = readYamlScope(source, ['scope']);
  const effective = yamlDate(source, ['effective'], root.effective);
  return { ...(scope ? { scope } : {}), ...(effective ? { effective } : {}) };
}

function readBaseline(source: YamlSource, value: unknown): BaselineRef | undefined {
  const text = asString(value);
  if (!text) return undefined;
  const at = text.lastIndexOf('@');
  return {
    id: at > 0 ? text.slice(0, at) : text,
    version: at > 0 ? text.slice(at + 1) : undefined,
    text,
    range: rangeAt(source, ['baseline']),
  };
}

function readExemptions(source: YamlSource, value: unknown): Exemption[] {
  if (!Array.isArray(value)) return [];
  return value.map((raw, i) => {
    const r = asRecord(raw);
    const path = ['exemptions', i];
    const entry = nodeAt(source, path).node;
    const control = asString(r.control);
    const rationale = typeof r.rationale === 'string' ? r.rationale : undefined;
    const review = typeof r.review === 'string' ? r.review : undefined;
    const compensating = Array.isArray(r.compensating) ? r.compensating : [];
    const scope = readYamlScope(source, [...path, 'scope']);
    return {
      ...(scope ? { scope } : {}),
      control: control ? { id: control, range: rangeAt(source, [...path, 'control']) } : undefined,
      rationale,
      rationaleRange: rationale !== undefined ? rangeAt(source, [...path, 'rationale']) : undefined,
      compensating: compensating.flatMap((c, j): Ref[] =>
        typeof c === 'string' ? [{ id: widthFold(c.trim()), range: rangeAt(source, [...path, 'compensating', j]) }] : []),
      review,
      reviewRange: review ? rangeAt(source, [...path, 'review']) : undefined,
      range: entry ? nodeRange(source, entry) : rangeAt(source, path),
    };
  });
}

// Where a new exemption goes: insertPoints.ts (shared with the measures' insertion point).
export { listInsertPoint } from './insertPoints.js';

export { scalarSourceRange } from './yamlSource.js';

export function entryRange(source: YamlSource, path: (string | number)[]): Range {
  const node = nodeAt(source, path).node;
  return node ? nodeRange(source, node) : rangeAt(source, path);
}
