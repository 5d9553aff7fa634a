// Readable text from OSCAL control parts: statement prose with its labelled items, and
// parameter insertions shown the way NIST prints them ([Assignment: …], [Selection: …]).
import type { LocalText } from '../model.js';

export type Json = Record<string, unknown>;

export const INSERT_PATTERN = /\{\{\s*insert:\s*([A-Za-z_][\w.-]*)\s*,\s*([^\s}]+)\s*\}\}/g;

export function asObject(value: unknown): Json {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asStr(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The first `label` property (NIST catalogs give several; the unclassed one is the printed form). */
export function labelOf(item: Json): string | undefined {
  const props = asArray(item.props).map(asObject).filter((p) => p.name === 'label');
  const plain = props.find((p) => p.class === undefined) ?? props[0];
  return asStr(plain?.value);
}

/** Replaces parameter insertions in prose; unknown parameters stay visible by id. */
export function renderProse(prose: string, params: Map<string, Json>, depth = 0): string {
  return prose.replace(INSERT_PATTERN, (whole, type: string, id: string) => {
    if (type !== 'param') return whole;
    return paramText(id, params, depth);
  });
}

export function paramText(id: string, params: Map<string, Json>, depth = 0): string {
  const param = params.get(id);
  if (!param || depth > 8) return `[Assignment: ${id}]`;
  const values = asArray(param.values).filter((v): v is string => typeof v === 'string');
  if (values.length > 0) return values.join(', ');
  const select = asObject(param.select);
  const choices = asArray(select.choice).filter((c): c is string => typeof c === 'string');
  if (param.select !== undefined) {
    const many = select['how-many'] === 'one-or-more' ? ' (one or more)' : '';
    return `[Selection${many}: ${choices.map((c) => renderProse(c, params, depth + 1)).join('; ')}]`;
  }
  const label = asStr(param.label);
  return `[Assignment: ${label ? renderProse(label, params, depth + 1) : id}]`;
}

/**
 * A control's statement: the prose of its `statement` part and of the items below it, one per
 * line, each item led by its label and indented by depth.
 */
export function statementText(control: Json, params: Map<string, Json>): string {
  const statement = asArray(control.parts).map(asObject).find((p) => p.name === 'statement');
  if (!statement) return '';
  const lines: string[] = [];
  const walk = (part: Json, depth: number): void => {
    const prose = asStr(part.prose);
    const label = depth > 0 ? labelOf(part) : undefined;
    if (prose !== undefined || label) {
      const text = prose === undefined ? '' : renderProse(prose, params).trim();
      lines.push(`${'  '.repeat(Math.max(0, depth - 1))}${label ? `${label} ` : ''}${text}`.trimEnd());
    }
    for (const child of asArray(part.parts).map(asObject)) walk(child, depth + 1);
  };
  walk(statement, 0);
  return lines.filter((l) => l.length > 0).join('\n');
}

/** OSCAL text carries no language; Japanese script marks Japanese text, anything else is English. */
export function localText(text: string | undefined): LocalText {
  if (text === undefined || text === '') return {};
  return /[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]/.test(text) ? { ja: text } : { en: text };
}
