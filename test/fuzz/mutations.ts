// Mutations of real catalogs and standards, shared by the property tests (as shrinkable
// fast-check data) and the fuzzer (driven by its own random source).

/** Snippets that tend to break parsers of these files: YAML syntax, Markdown structure, markers, odd characters. */
export const SNIPPETS = [
  '：', '、', '，', '　', '\r\n', '\r', '\n', '\t', '𠮷', '\ud800', '\udc00', '\ufeff', '\u0000', '\u2028', 'é',
  '&a ', '*a', '!!str ', '!!binary ', '? ', '|', '>-', '{', '}', '[', ']', '#', '---\n', '...\n', '%YAML 1.2\n', '"', "'", '@', '`',
  '<<: *a\n', ': ', '- ', '  - ', '\\', '\\u', '~', 'null', 'true', '0x1F', '.inf', '2027-02-30',
  'Covers: ', '対応：', 'covers:', 'COVERS：', '<!-- covers: ', ' -->', '<!--', '-->', '```\n', '~~~\n', '    ',
  '\n## ', '\n# ', '\n### ', '\n> ', '\n* ', '[x](', ')', '**', '__',
  'kind: standard\n', 'kind: catalog\n', 'sector: ', 'baseline: ', 'level: ', 'exemptions:\n  - control: ', 'rationale: ', 'compensating: [',
  'review: ', 'measures:\n  - id: ', 'covers: [', 'controls:\n  - id: ', 'replacedBy: ', 'withdrawn: true\n', 'exemptable: false\n', 'csf: [',
  '{"catalog":{', '<catalog xmlns="http://csrc.nist.gov/ns/oscal/1.0">', '<control id="', '</', '&amp;', '&#0;', '<![CDATA[',
];

const ID_PREFIXES = ['BL', 'EL', 'FN', 'MD', 'WT', 'M', 'X1', 'AB'];
const FUNCTIONS = ['GV', 'ID', 'PR', 'DE', 'RS', 'RC', 'XX'];
const CSF = ['PR.AA-03', 'PR.AA-05', 'GV.RR-01', 'RC.RP-01', 'PR.PS-05', 'PR.AC-1', 'GV.SC', 'DE.CM-01', 'ZZ.ZZ-99', 'ID.AM'];

/** An id (control, measure or CSF) picked from a small space so that ids collide often. */
export function randomId(pick: (n: number) => number): string {
  if (pick(4) === 0) return CSF[pick(CSF.length)];
  return `${ID_PREFIXES[pick(ID_PREFIXES.length)]}-${FUNCTIONS[pick(FUNCTIONS.length)]}-${String(pick(12)).padStart(2, '0')}`;
}

/** Where and what to change. Positions are fractions of the text (0..1e6) so any op fits any text. */
export type Mutation =
  | { op: 'insert'; at: number; text: string }
  | { op: 'delete'; at: number; length: number }
  | { op: 'replace'; at: number; length: number; text: string }
  | { op: 'duplicateLine'; at: number }
  | { op: 'deleteLine'; at: number }
  | { op: 'swapLines'; at: number; other: number }
  | { op: 'marker'; at: number; ids: string[]; fullWidth: boolean }
  | { op: 'crlf' }
  | { op: 'tabs' };

const SCALE = 1_000_000;

function offset(text: string, at: number): number {
  return Math.floor((at / SCALE) * (text.length + 1)) % (text.length + 1);
}

function lineSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n') {
      spans.push([start, i + 1]);
      start = i + 1;
    }
  }
  spans.push([start, text.length]);
  return spans;
}

export function applyMutation(text: string, m: Mutation): string {
  switch (m.op) {
    case 'insert': {
      const o = offset(text, m.at);
      return text.slice(0, o) + m.text + text.slice(o);
    }
    case 'delete': {
      const o = offset(text, m.at);
      return text.slice(0, o) + text.slice(o + m.length);
    }
    case 'replace': {
      const o = offset(text, m.at);
      return text.slice(0, o) + m.text + text.slice(o + m.length);
    }
    case 'duplicateLine':
    case 'deleteLine':
    case 'swapLines': {
      const spans = lineSpans(text);
      const [s, e] = spans[Math.floor((m.at / SCALE) * spans.length) % spans.length];
      const line = text.slice(s, e);
      if (m.op === 'duplicateLine') return text.slice(0, e) + (line.endsWith('\n') ? line : `\n${line}`) + text.slice(e);
      if (m.op === 'deleteLine') return text.slice(0, s) + text.slice(e);
      const [s2, e2] = spans[Math.floor((m.other / SCALE) * spans.length) % spans.length];
      if (s2 <= s) return text;
      return text.slice(0, s) + text.slice(s2, e2) + text.slice(e, s2) + line + text.slice(e2);
    }
    case 'marker': {
      const spans = lineSpans(text);
      const [s] = spans[Math.floor((m.at / SCALE) * spans.length) % spans.length];
      const marker = m.fullWidth ? `対応：${m.ids.join('、')}\n` : `Covers: ${m.ids.join(', ')}\n`;
      return text.slice(0, s) + marker + text.slice(s);
    }
    case 'crlf':
      return text.replace(/\r?\n/g, '\r\n');
    case 'tabs':
      return text.replace(/^ {2}/gm, '\t');
  }
}

export function applyMutations(text: string, ms: readonly Mutation[]): string {
  return ms.reduce(applyMutation, text);
}

/** A random mutation from a random source (the fuzzer's; the property tests use fast-check). */
export function randomMutation(pick: (n: number) => number): Mutation {
  const at = pick(SCALE);
  const snippet = () => (pick(3) === 0 ? randomId(pick) : SNIPPETS[pick(SNIPPETS.length)]);
  switch (pick(12)) {
    case 0: case 1: case 2: return { op: 'insert', at, text: snippet() };
    case 3: return { op: 'delete', at, length: 1 + pick(pick(2) ? 4 : 200) };
    case 4: case 5: return { op: 'replace', at, length: 1 + pick(8), text: snippet() };
    case 6: return { op: 'duplicateLine', at };
    case 7: return { op: 'deleteLine', at };
    case 8: return { op: 'swapLines', at, other: pick(SCALE) };
    case 9: return { op: 'marker', at, ids: Array.from({ length: 1 + pick(3) }, () => randomId(pick)), fullWidth: pick(2) === 0 };
    case 10: return pick(4) === 0 ? { op: 'crlf' } : { op: 'tabs' };
    default: return { op: 'insert', at, text: snippet().repeat(1 + pick(pick(8) === 0 ? 2000 : 4)) };
  }
}
