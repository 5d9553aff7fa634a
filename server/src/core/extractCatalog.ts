// Catalog file → CatalogModel. Tolerant: a control with wrong types is skipped or defaulted,
// since the schema findings already tell the author what is wrong.
import type { CatalogControl, CatalogGroup, CatalogModel, Finding, LocalText, Ref } from './model.js';
import { validateSchema } from './schema.js';
import { nodeAt, nodeRange, rangeAt, type YamlSource } from './yamlSource.js';
import { checkCsfId } from './csf.js';
import { readDimensions, readYamlScope } from './scope.js';

export function extractCatalog(source: YamlSource): { model: CatalogModel; findings: Finding[] } {
  const findings = validateSchema('catalog', source);
  const root = asRecord(source.value);
  const model: CatalogModel = {
    kind: 'catalog',
    id: asString(root.id) ?? '',
    version: scalarText(root.version) ?? '',
    idRange: rangeAt(source, ['id']),
    title: asText(root.title),
    controls: [],
  };
  const controls = Array.isArray(root.controls) ? root.controls : [];
  controls.forEach((raw, index) => {
    const control = extractControl(source, asRecord(raw), index);
    if (control) model.controls.push(control);
  });
  for (const control of model.controls) append(findings, csfFindings(control.csf));
  if (Array.isArray(root.functions)) {
    model.groups = root.functions.flatMap((f): CatalogGroup[] => {
      const id = asString(asRecord(f).id);
      return id ? [{ id, title: asText(asRecord(f).title) }] : [];
    });
    append(findings, undeclaredFunctions(source, controls, model.groups));
  }
  const dimensions = readDimensions(source);
  if (dimensions) model.dimensions = dimensions;
  return { model, findings };
}

/** With its own `functions`, a catalog's controls must name one of them. */
function undeclaredFunctions(source: YamlSource, controls: unknown[], groups: CatalogGroup[]): Finding[] {
  const declared = new Set(groups.map((g) => g.id));
  const allowed = groups.map((g) => g.id).join(', ');
  return controls.flatMap((raw, i): Finding[] => {
    const fn = asRecord(raw).function;
    if (typeof fn !== 'string' || declared.has(fn)) return [];
    return [{ code: 'schema', range: rangeAt(source, ['controls', i, 'function']), message: 'functionNotDeclared', args: { path: `controls[${i}].function`, value: fn, allowed } }];
  });
}

function extractControl(source: YamlSource, raw: Record<string, unknown>, index: number): CatalogControl | undefined {
  const id = asString(raw.id);
  if (!id) return undefined;
  const base = ['controls', index];
  const entry = nodeAt(source, base).node;
  const csf = Array.isArray(raw.csf) ? raw.csf : [];
  const replacedBy = asString(raw.replacedBy);
  const appliesTo = readYamlScope(source, [...base, 'appliesTo']);
  return {
    ...(appliesTo ? { appliesTo } : {}),
    id,
    range: rangeAt(source, [...base, 'id']),
    entryRange: entry ? nodeRange(source, entry) : rangeAt(source, [...base, 'id']),
    function: asString(raw.function) ?? id.split('-')[1] ?? '',
    level: typeof raw.level === 'number' && Number.isInteger(raw.level) ? raw.level : 1,
    title: asText(raw.title),
    statement: asText(raw.statement),
    csf: csf.flatMap((c, i): Ref[] => (typeof c === 'string' ? [{ id: c, range: rangeAt(source, [...base, 'csf', i]) }] : [])),
    exemptable: raw.exemptable !== false,
    withdrawn: raw.withdrawn === true,
    replacedBy: replacedBy ? { id: replacedBy, range: rangeAt(source, [...base, 'replacedBy']) } : undefined,
  };
}

export function csfFindings(refs: Ref[]): Finding[] {
  const out: Finding[] = [];
  for (const ref of refs) {
    const problem = checkCsfId(ref.id);
    if (problem) {
      const { replacements, ...message } = problem;
      out.push({ code: 'unknown-csf', range: ref.range, ...message, data: { replacements } });
    }
  }
  return out;
}

export { asRecord, asString, asText } from './values.js';
import { asRecord, asString, asText } from './values.js';
import { append } from './arrays.js';

/** Scalars a user may write unquoted (`version: 2026.1` parses as a number). */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

