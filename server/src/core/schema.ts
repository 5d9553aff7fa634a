// JSON Schema validation of YAML values, with each ajv error mapped back to its YAML node.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import catalogSchema from '../../../schemas/catalog.schema.json' with { type: 'json' };
import frontMatterSchema from '../../../schemas/standard-frontmatter.schema.json' with { type: 'json' };
import standardSchema from '../../../schemas/standard.schema.json' with { type: 'json' };
import configSchema from '../../../schemas/kijun.schema.json' with { type: 'json' };
import type { Finding } from './model.js';
import { rangeAt, type PathSegment, type YamlSource } from './yamlSource.js';

export type SchemaName = 'catalog' | 'frontMatter' | 'standard' | 'config';

const ajv = new Ajv({ allErrors: true, strict: false });
const validators: Record<SchemaName, ValidateFunction> = {
  catalog: ajv.compile(catalogSchema),
  frontMatter: ajv.compile(frontMatterSchema),
  standard: ajv.compile(standardSchema),
  config: ajv.compile(configSchema),
};

const MAX_SCHEMA_FINDINGS = 100;

export function validateSchema(name: SchemaName, source: YamlSource): Finding[] {
  const validate = validators[name];
  if (validate(source.value)) return [];
  const errors = dropNoise(validate.errors ?? []);
  return errors.slice(0, MAX_SCHEMA_FINDINGS).map((e) => toFinding(e, source));
}

/** Plain errors about the same place as anyOf/if noise, one per path and keyword. */
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
  return out;
}

function toPath(pointer: string): PathSegment[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function displayPath(path: PathSegment[]): string {
  if (path.length === 0) return '(root)';
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

function toFinding(error: ErrorObject, source: YamlSource): Finding {
  const path = toPath(error.instancePath);
  const shown = displayPath(path);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { code: 'schema', range: rangeAt(source, path, 'key'), message: 'schemaRequired', args: { key: String(params.missingProperty) } };
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const hint = path.length === 0 ? '@schemaXHint' : '';
      return { code: 'schema', range: rangeAt(source, [...path, key], 'key'), message: 'schemaAdditional', args: { key, hint } };
    }
    case 'type':
      return { code: 'schema', range: rangeAt(source, path), message: 'schemaType', args: { path: shown, type: String(params.type) } };
    case 'pattern':
      return {
        code: 'schema', range: rangeAt(source, path), message: 'schemaPattern',
        args: { path: shown, value: JSON.stringify(valueAt(source.value, path)).slice(0, 80), what: String(params.pattern) },
      };
    case 'enum':
    case 'const': {
      const allowed = (params.allowedValues as unknown[] | undefined) ?? [params.allowedValue];
      return { code: 'schema', range: rangeAt(source, path), message: 'schemaEnum', args: { path: shown, allowed: allowed.join(', ') } };
    }
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum': {
      const message = error.keyword.endsWith('inimum') ? (error.keyword === 'minimum' ? 'schemaMinimum' : 'schemaAbove') : error.keyword === 'maximum' ? 'schemaMaximum' : 'schemaBelow';
      return { code: 'schema', range: rangeAt(source, path), message, args: { path: shown, limit: Number(params.limit) } };
    }
    case 'minLength':
    case 'minItems':
    case 'minProperties':
      if (Number(params.limit) === 1) return { code: 'schema', range: rangeAt(source, path), message: 'schemaEmpty', args: { path: shown } };
      return { code: 'schema', range: rangeAt(source, path), message: 'schemaTooFew', args: { path: shown, limit: Number(params.limit) } };
    case 'uniqueItems':
      return { code: 'schema', range: rangeAt(source, path), message: 'schemaDuplicateItems', args: { path: shown } };
    default:
      return { code: 'schema', range: rangeAt(source, path), message: 'schemaOther', args: { path: shown, detail: error.message ?? error.keyword } };
  }
}

function valueAt(value: unknown, path: PathSegment[]): unknown {
  let v = value;
  for (const s of path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[s as string] : undefined;
  return v;
}
