// Reading plain YAML values defensively: the text is the author's, any shape may appear.
import type { LocalText } from './locale.js';

export function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

export function asText(value: unknown): LocalText {
  if (typeof value === 'string') return { ja: value, en: value };
  const r = asRecord(value);
  const out: LocalText = {};
  if (typeof r.ja === 'string') out.ja = r.ja;
  if (typeof r.en === 'string') out.en = r.en;
  return out;
}
