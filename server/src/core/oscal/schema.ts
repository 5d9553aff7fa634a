// Validation of OSCAL catalogs against NIST's OSCAL 1.2.1 catalog JSON Schema, with each error's
// JSON pointer mapped to a line and column of the JSON or XML source. The validator is compiled
// on first use only, so workspaces without OSCAL files never pay for it.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import catalogSchema from '../../../../schemas/oscal/oscal_catalog_schema.json' with { type: 'json' };
import type { Finding } from '../model.js';
import type { PathSegment } from '../yamlSource.js';
import type { OscalSource } from './source.js';

const MAX_FINDINGS = 100;

let catalogValidator: ValidateFunction | undefined;

function validator(): ValidateFunction {
  // Formats are left to the schema's own patterns (date-time, UUID and token types carry one);
  // `optimize: false` compiles the 55 kB schema about six times faster at no visible cost.
  catalogValidator ??= new Ajv({ allErrors: true, strict: false, validateFormats: false, code: { optimize: false } }).compile(catalogSchema);
  return catalogValidator;
}

export function validateOscalCatalog(source: OscalSource): Finding[] {
  const validate = validator();
  if (validate(source.value)) return [];
  return dropNoise(validate.errors ?? []).slice(0, MAX_FINDINGS).map((e) => toFinding(e, source));
}

/** Drops the anyOf/oneOf summaries and repeats; keeps the errors that name what is wrong. */
function dropNoise(errors: ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  const out: ErrorObject[] = [];
  for (const e of errors) {
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf' || e.keyword === 'if') continue;
    const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  // OSCAL groups are "anyOf: groups or controls": when something inside `controls` is wrong, the
  // other branch also says `controls` is not allowed. An additionalProperties error about a key
  // with errors inside it is that other branch talking.
  return out.filter((e) => {
    if (e.keyword !== 'additionalProperties') return true;
    const inside = `${e.instancePath}/${String((e.params as { additionalProperty?: string }).additionalProperty)}/`;
    return !out.some((o) => o.instancePath.startsWith(inside));
  });
}

export function pointerPath(pointer: string): PathSegment[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

export function displayPath(path: readonly PathSegment[]): string {
  if (path.length === 0) return '(root)';
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** `#/definitions/TokenDatatype/pattern` → `TokenDatatype`: a name users can look up. */
function datatypeOf(schemaPath: string): string | undefined {
  return /\/definitions\/([A-Za-z]+Datatype)\//.exec(schemaPath)?.[1];
}

function toFinding(error: ErrorObject, source: OscalSource): Finding {
  const path = pointerPath(error.instancePath);
  const shown = displayPath(path);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { code: 'schema', range: source.rangeAt(path, 'key'), message: 'schemaRequired', args: { key: String(params.missingProperty) } };
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      return { code: 'schema', range: source.rangeAt([...path, key], 'key'), message: 'schemaAdditional', args: { key, hint: '' } };
    }
    case 'type':
      return { code: 'schema', range: source.rangeAt(path), message: 'schemaType', args: { path: shown, type: String(params.type) } };
    case 'pattern':
      return {
        code: 'schema', range: source.rangeAt(path), message: 'schemaPattern',
        args: { path: shown, value: JSON.stringify(valueAt(source.value, path)).slice(0, 80), what: datatypeOf(error.schemaPath) ?? String(params.pattern) },
      };
    case 'enum':
    case 'const': {
      const allowed = (params.allowedValues as unknown[] | undefined) ?? [params.allowedValue];
      return { code: 'schema', range: source.rangeAt(path), message: 'schemaEnum', args: { path: shown, allowed: allowed.join(', ') } };
    }
    default:
      return { code: 'schema', range: source.rangeAt(path), message: 'schemaOther', args: { path: shown, detail: error.message ?? error.keyword } };
  }
}

function valueAt(value: unknown, path: PathSegment[]): unknown {
  let v = value;
  for (const s of path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[s as string] : undefined;
  return v;
}
