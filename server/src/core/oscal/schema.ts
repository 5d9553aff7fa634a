// Validation of OSCAL catalogs against NIST's OSCAL 1.2.1 catalog JSON Schema, with each error's
// JSON pointer mapped to a line and column of the JSON or XML source. The validator is compiled
// on first use only, so workspaces without OSCAL files never pay for it.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import catalogSchema from '../../../../schemas/oscal/oscal_catalog_schema.json' with { type: 'json' };
import type { Finding } from '../model.js';
import { dropNoise, schemaFinding, type SchemaTarget } from '../schema.js';
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
  const target: SchemaTarget = { value: source.value, rangeAt: (path, part) => source.rangeAt(path, part), patternName: (e) => datatypeOf(e.schemaPath) };
  return dropOscalNoise(validate.errors ?? []).slice(0, MAX_FINDINGS).map((e) => schemaFinding(e, target));
}

/** Drops the anyOf/oneOf summaries and repeats; keeps the errors that name what is wrong. */
function dropOscalNoise(errors: ErrorObject[]): ErrorObject[] {
  const out = dropNoise(errors);
  // OSCAL groups are "anyOf: groups or controls": when something inside `controls` is wrong, the
  // other branch also says `controls` is not allowed. An additionalProperties error about a key
  // with errors inside it is that other branch talking.
  return out.filter((e) => {
    if (e.keyword !== 'additionalProperties') return true;
    const inside = `${e.instancePath}/${String((e.params as { additionalProperty?: string }).additionalProperty)}/`;
    return !out.some((o) => o.instancePath.startsWith(inside));
  });
}

/** `#/definitions/TokenDatatype/pattern` → `TokenDatatype`: a name users can look up. */
function datatypeOf(schemaPath: string): string | undefined {
  return /\/definitions\/([A-Za-z]+Datatype)\//.exec(schemaPath)?.[1];
}
