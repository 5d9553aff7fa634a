// What the extraction cache may hand to the core. The cache file is plain JSON on disk: a crash,
// another tool or a hand edit can leave entries with the right keys but the wrong shape, and the
// core trusts its models. Every entry is checked here; one that does not fit is a miss, so it is
// extracted again and the file is rewritten.
import type { FileAnalysis } from '../core/model.js';

type Check = (value: unknown) => boolean;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString: Check = (v) => typeof v === 'string';
const isBoolean: Check = (v) => typeof v === 'boolean';
const isCount: Check = (v) => Number.isInteger(v) && (v as number) >= 0;
const optional = (check: Check): Check => (v) => v === undefined || check(v);
const arrayOf = (check: Check): Check => (v) => Array.isArray(v) && v.every(check);
const oneOf = (...values: string[]): Check => (v) => typeof v === 'string' && values.includes(v);
const shape = (fields: Record<string, Check>): Check => (v) => isObject(v) && Object.entries(fields).every(([k, check]) => check(Object.hasOwn(v, k) ? v[k] : undefined));
const stringValues: Check = (v) => isObject(v) && Object.values(v).every((x) => ['string', 'number'].includes(typeof x) || shape({ ja: optional(isString), en: optional(isString) })(x));

const position = shape({ line: isCount, character: isCount });
const range = shape({ start: position, end: position });
const ref = shape({ id: isString, range });
const localText = shape({ ja: optional(isString), en: optional(isString) });
const scope = shape({ entries: arrayOf(shape({ dimension: isString, range, values: arrayOf(ref) })), range });
const writtenDate = shape({ date: isString, text: isString, range });

const finding = shape({
  code: isString,
  range,
  message: isString,
  args: optional(stringValues),
  control: optional(isString),
  data: optional(isObject),
  related: optional(shape({ path: isString, range })),
});

const control = shape({
  id: isString, range, entryRange: range, function: isString, level: isCount, title: localText, statement: localText,
  csf: arrayOf(ref), exemptable: isBoolean, withdrawn: isBoolean, replacedBy: optional(ref), parent: optional(isString), appliesTo: optional(scope),
});

const catalog = shape({
  kind: oneOf('catalog'), id: isString, version: isString, idRange: range, title: localText, controls: arrayOf(control),
  groups: optional(arrayOf(shape({ id: isString, title: localText }))),
  oscal: optional(shape({ uuid: isString, format: oneOf('json', 'xml', 'yaml'), oscalVersion: isString, csf: oneOf('derived', 'none') })),
  dimensions: optional(arrayOf(shape({ id: isString, range, values: arrayOf(ref), title: localText }))),
});

const insertPoint = shape({ position, indent: isString, needsKey: isBoolean, needsLeadingNewline: isBoolean });

const measure = shape({
  id: isString, range, title: isString, sectionRange: range, covers: arrayOf(ref), csf: arrayOf(ref), depth: isCount,
  strength: shape({ strength: isString, source: isString, phrase: optional(isString) }),
  scope: optional(scope), effective: optional(writtenDate),
});

const exemption = shape({
  control: optional(ref), rationale: optional(isString), rationaleRange: optional(range), compensating: arrayOf(ref),
  review: optional(isString), reviewRange: optional(range), range, scope: optional(scope),
});

const standard = shape({
  kind: oneOf('standard'), format: oneOf('markdown', 'yaml'), sector: optional(isString), sectorRange: optional(range), title: optional(isString),
  baseline: optional(shape({ id: isString, version: optional(isString), text: isString, range })),
  level: isCount, levelRange: optional(range), exemptions: arrayOf(exemption), exemptionsInsert: optional(insertPoint),
  measures: arrayOf(measure), headerRange: range, measuresInsert: optional(insertPoint), scope: optional(scope), effective: optional(writtenDate),
});

const fileAnalysis = shape({
  path: isString,
  model: (v) => v === undefined || catalog(v) || standard(v),
  findings: arrayOf(finding),
  eol: isString,
  suppressions: optional(arrayOf(shape({ line: isCount, codes: arrayOf(isString), range }))),
});

/** True when `value` is an extraction result the core can use. */
export function isFileAnalysis(value: unknown): value is FileAnalysis {
  return fileAnalysis(value);
}

/** The usable entries of a parsed cache file (`{ entries: [key, analysis | null][] }`); anything else is left out. */
export function cacheEntries(data: unknown): Map<string, FileAnalysis | null> {
  const out = new Map<string, FileAnalysis | null>();
  const entries = isObject(data) ? data.entries : undefined;
  if (!Array.isArray(entries)) return out;
  for (const entry of entries) {
    if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string') continue;
    const [key, analysis] = entry as [string, unknown];
    if (analysis === null || isFileAnalysis(analysis)) out.set(key, analysis);
  }
  return out;
}
