// JSON Schema validation of YAML values, with each ajv error mapped back to its YAML node.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import catalogSchema from '../../../schemas/catalog.schema.json' with { type: 'json' };
import frontMatterSchema from '../../../schemas/standard-frontmatter.schema.json' with { type: 'json' };
import standardSchema from '../../../schemas/standard.schema.json' with { type: 'json' };
import configSchema from '../../../schemas/kijun.schema.json' with { type: 'json' };
import type { Finding } from './model.js';
import type { MessageRef } from './messages.js';
import type { LocalText } from './locale.js';
import { rangeAt, type PathSegment, type YamlSource } from './yamlSource.js';
import type { Range } from './text.js';
import { nearest } from './ids.js';
import { registerTexts } from './texts.js';

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
  const target: SchemaTarget = { value: source.value, rangeAt: (path, part) => rangeAt(source, path, part), rootKeyHint: '@schemaXHint', schema: validate.schema };
  return errors.slice(0, MAX_SCHEMA_FINDINGS).map((e) => schemaFinding(e, target));
}

/** Plain errors about the same place as anyOf/if noise, one per path and keyword. */
export function dropNoise(errors: ErrorObject[]): ErrorObject[] {
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

/** What a schema finding needs from the document it was validated on (YAML or OSCAL JSON/XML). */
export interface SchemaTarget {
  value: unknown;
  rangeAt: (path: PathSegment[], part?: 'key') => Range;
  /** A name for a pattern users can look up instead of the regular expression (OSCAL datatypes). */
  patternName?: (error: ErrorObject) => string | undefined;
  /** Hint appended to an unknown key at the root (front matter: the `x-` prefix). */
  rootKeyHint?: string;
  /** The schema validated against, to suggest the nearest allowed key for an unknown one. */
  schema?: unknown;
}

export function schemaFinding(error: ErrorObject, target: SchemaTarget): Finding {
  const path = pointerPath(error.instancePath);
  const shown = displayPath(path);
  const params = error.params as Record<string, unknown>;
  const at = (ref: MessageRef): Finding => ({ code: 'schema', range: target.rangeAt(path), ...ref });
  switch (error.keyword) {
    case 'required':
      return { code: 'schema', range: target.rangeAt(path, 'key'), message: 'schemaRequired', args: { key: String(params.missingProperty) } };
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const hint = path.length === 0 ? target.rootKeyHint ?? '' : '';
      const suggestion = nearest(key, allowedKeys(target.schema, error.schemaPath)) ?? '';
      return { code: 'schema', range: target.rangeAt([...path, key], 'key'), message: 'schemaAdditional', args: { key, hint, suggestion } };
    }
    case 'type':
      return at({ message: 'schemaType', args: { path: shown, type: typeNames(String(params.type)) } });
    case 'pattern':
      return at({ message: 'schemaPattern', args: { path: shown, value: JSON.stringify(valueAt(target.value, path)).slice(0, 80), what: target.patternName?.(error) ?? String(params.pattern) } });
    case 'enum':
    case 'const': {
      const allowed = (params.allowedValues as unknown[] | undefined) ?? [params.allowedValue];
      return at({ message: 'schemaEnum', args: { path: shown, allowed: allowed.join(', ') } });
    }
    case 'minimum':
      return at({ message: 'schemaMinimum', args: { path: shown, limit: Number(params.limit) } });
    case 'exclusiveMinimum':
      return at({ message: 'schemaAbove', args: { path: shown, limit: Number(params.limit) } });
    case 'maximum':
      return at({ message: 'schemaMaximum', args: { path: shown, limit: Number(params.limit) } });
    case 'exclusiveMaximum':
      return at({ message: 'schemaBelow', args: { path: shown, limit: Number(params.limit) } });
    case 'minLength':
    case 'minItems':
    case 'minProperties':
      return Number(params.limit) === 1 ? at({ message: 'schemaEmpty', args: { path: shown } }) : at({ message: 'schemaTooFew', args: { path: shown, limit: Number(params.limit) } });
    case 'maxLength':
      return at({ message: 'schemaTooLong', args: { path: shown, limit: Number(params.limit) } });
    case 'maxItems':
    case 'maxProperties':
      return at({ message: 'schemaTooMany', args: { path: shown, limit: Number(params.limit) } });
    case 'uniqueItems':
      return at({ message: 'schemaDuplicateItems', args: { path: shown } });
    case 'format':
      return at({ message: 'schemaFormat', args: { path: shown, format: String(params.format) } });
    case 'multipleOf':
      return at({ message: 'schemaMultipleOf', args: { path: shown, limit: Number(params.multipleOf) } });
    case 'propertyNames':
      return at({ message: 'schemaPropertyName', args: { path: shown, key: String(params.propertyName) } });
    case 'false schema':
    case 'not':
      return at({ message: 'schemaNotAllowed', args: { path: shown } });
    default:
      // No Kijun wording for this keyword: the validator's English text, marked as such.
      return at({ message: 'schemaOther', args: { path: shown, detail: error.message ?? error.keyword } });
  }
}

/** JSON Schema type names as a reader of the message calls them (`string,null` → 文字列 又は null). */
const TYPE_NAMES: Record<string, LocalText> = registerTexts('jsonTypes', {
  string: { ja: '文字列', en: 'text' },
  integer: { ja: '整数', en: 'a whole number' },
  number: { ja: '数値', en: 'a number' },
  boolean: { ja: 'true 又は false', en: 'true or false' },
  array: { ja: 'リスト', en: 'a list' },
  object: { ja: 'key: value の対応付け', en: 'a mapping of key: value pairs' },
  null: { ja: '空の値 (null)', en: 'an empty value (null)' },
});

export /**
 * The keys an object allows, read from the schema beside its additionalProperties keyword
 * (`#/properties/rules/additionalProperties` → the keys of `#/properties/rules/properties`).
 * A path through a $ref does not resolve here, and then nothing is suggested.
 */
function allowedKeys(schema: unknown, schemaPath: string): string[] {
  const segments = pointerPath(schemaPath.replace(/^#/, '')).slice(0, -1);
  let node: unknown = schema;
  for (const s of segments) node = node && typeof node === 'object' ? (node as Record<string | number, unknown>)[s] : undefined;
  const properties = node && typeof node === 'object' ? (node as { properties?: unknown }).properties : undefined;
  return properties && typeof properties === 'object' ? Object.keys(properties) : [];
}

function typeNames(types: string): LocalText {
  const names = types.split(',').map((t) => TYPE_NAMES[t] ?? { ja: t, en: t });
  return { ja: names.map((n) => n.ja).join(' 又は '), en: names.map((n) => n.en).join(' or ') };
}

function valueAt(value: unknown, path: PathSegment[]): unknown {
  let v = value;
  for (const s of path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[s as string] : undefined;
  return v;
}
