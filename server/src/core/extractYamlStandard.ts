// YAML standard → StandardModel.
import type { Finding, Measure, Ref, StandardModel } from './model.js';
import type { LineIndex } from './text.js';
import { validateSchema } from './schema.js';
import { readHeader, listInsertPoint, scalarSourceRange, entryRange } from './frontMatterShared.js';
import { asRecord, asString, csfFindings } from './extractCatalog.js';
import { rangeAt, type YamlSource } from './yamlSource.js';
import { CSF_ID_PATTERN } from './csf.js';
import { yamlMeasuresInsert } from './insertPoints.js';
import { yamlMeasureFacts } from './measureFacts.js';
import { DEFAULT_LABEL_FORMS, labelProblemMessage, matchLabel, parseLabelForms, type LabelForm } from './labels.js';
import { normaliseId } from './markers.js';
import { append } from './arrays.js';

export interface YamlStandardOptions {
  /** `measureLabels` of kijun.yaml; the standard's own list wins. */
  measureLabels?: readonly string[];
}

export function extractYamlStandard(text: string, lines: LineIndex, source: YamlSource, options: YamlStandardOptions = {}): { model: StandardModel; findings: Finding[] } {
  const findings = validateSchema('standard', source);
  const root = asRecord(source.value);
  const forms = labelForms(source, root.measureLabels, options.measureLabels, findings);
  const rawMeasures = Array.isArray(root.measures) ? root.measures : [];
  const measures: Measure[] = [];
  rawMeasures.forEach((raw, i) => {
    const measure = readMeasure(text, lines, source, asRecord(raw), i);
    if (!measure) return;
    const label = matchLabel(measure.id, forms.forms);
    if (label && label.start === 0 && label.end === measure.id.length) measure.id = label.label;
    else findings.push({ code: 'schema', range: measure.range, message: 'measureIdNotLabel', args: { id: measure.id, forms: forms.names } });
    measures.push(measure);
  });
  for (const m of measures) append(findings, csfFindings(m.csf));
  const model: StandardModel = {
    kind: 'standard',
    format: 'yaml',
    ...readHeader(source),
    measures,
    headerRange: lines.range(0, text.length),
    measuresInsert: yamlMeasuresInsert(source, text.length),
    exemptionsInsert: listInsertPoint(source, 'exemptions', text.length),
  };
  return { model, findings };
}

function labelForms(source: YamlSource, own: unknown, configured: readonly string[] | undefined, findings: Finding[]): { forms: LabelForm[]; names: string } {
  const values = Array.isArray(own) ? own : configured;
  if (!values) return { forms: DEFAULT_LABEL_FORMS, names: 'id, article' };
  const { forms, problems } = parseLabelForms(values);
  if (Array.isArray(own)) {
    for (const p of problems) {
      findings.push({ code: 'schema', range: rangeAt(source, ['measureLabels', p.index]), ...labelProblemMessage(p, String(own[p.index])) });
    }
  }
  return { forms, names: values.map(String).join(', ') };
}

function readMeasure(text: string, lines: LineIndex, source: YamlSource, raw: Record<string, unknown>, index: number): Measure | undefined {
  const id = asString(raw.id);
  if (!id) return undefined;
  const path = ['measures', index];
  const listed = (key: string): Ref[] => {
    const values = Array.isArray(raw[key]) ? (raw[key] as unknown[]) : [];
    return values.flatMap((v, j): Ref[] => (typeof v === 'string' ? [{ id: normaliseId(v), range: rangeAt(source, [...path, key, j]) }] : []));
  };
  return {
    id,
    range: rangeAt(source, [...path, 'id']),
    title: asString(raw.title) ?? '',
    sectionRange: entryRange(source, path),
    covers: listed('covers'),
    csf: [...listed('csf'), ...csfInText(text, lines, source, [...path, 'text'])],
    depth: 0,
    ...yamlMeasureFacts(source, path, raw, asString(raw.strength)),
  };
}

/** CSF ids in a text scalar, found in its source so that ranges are exact in any scalar style. */
function csfInText(text: string, lines: LineIndex, source: YamlSource, path: (string | number)[]): Ref[] {
  const span = scalarSourceRange(source, path);
  if (!span) return [];
  const slice = text.slice(span.start, span.end);
  const pattern = new RegExp(CSF_ID_PATTERN.source, 'g');
  const refs: Ref[] = [];
  for (let m = pattern.exec(slice); m; m = pattern.exec(slice)) {
    const s = span.start + m.index;
    refs.push({ id: m[0], range: lines.range(s, s + m[0].length) });
  }
  return refs;
}
