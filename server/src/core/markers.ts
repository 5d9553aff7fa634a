// Coverage marker tokens read as a person reads them (PRODUCT.md §5.1): NFKC, the separators
// Japanese authors type, zero-width characters ignored, and every other token reported.
import type { Finding, Ref } from './model.js';
import type { LineIndex } from './text.js';
import { ID_SHAPE, REFERENCE_SHAPE } from './ids.js';

/** Separators between ids in a marker (§5.1), and characters a reader does not see. */
const MARKER_TOKEN = /[^\s,、，・／/]+/g;
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;
const DASH_LIKE = /[\u2010-\u2015\u2212\u30fc\uff70\ufe63]/g;

/** Every token after a marker key: a control reference, or a located `marker-syntax` finding. */
export function readMarkerTokens(text: string, start: number, end: number, lines: LineIndex): { refs: Ref[]; problems: Finding[] } {
  const refs: Ref[] = [];
  const problems: Finding[] = [];
  const slice = text.slice(start, end);
  for (const m of slice.matchAll(MARKER_TOKEN)) {
    const raw = m[0];
    const word = normaliseId(raw);
    const s = start + (m.index ?? 0);
    if (word === '') continue;
    if (REFERENCE_SHAPE.test(word)) {
      refs.push({ id: word, range: lines.range(s, s + trimmedLength(raw)) });
      continue;
    }
    const fixed = normaliseId(word.replace(DASH_LIKE, '-')).toUpperCase();
    problems.push({
      code: 'marker-syntax',
      range: lines.range(s, s + raw.length),
      message: 'markerSyntax',
      args: { token: raw },
      data: ID_SHAPE.test(fixed) ? { replacement: fixed } : undefined,
    });
  }
  return { refs, problems };
}

/** NFKC (`ＢＬ－ＰＲ－０１` → `BL-PR-01`), without zero-width characters, emphasis or closing punctuation. */
export function normaliseId(raw: string): string {
  return raw.replace(ZERO_WIDTH, '').normalize('NFKC').replace(/^[*_`]+/, '').replace(/[.。;；:：*_`]+$/, '');
}

/** The token's length without what normaliseToken drops at its end, so the range covers the id. */
function trimmedLength(raw: string): number {
  const m = /[.。;；:：*_`\u200b-\u200d\u2060\ufeff]+$/.exec(raw);
  return m ? raw.length - m[0].length : raw.length;
}
