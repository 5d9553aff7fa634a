// Where a quick-fix may add a measure or an exemption without touching the author's text. Each
// shape of list gets its own answer; a shape that cannot take an entry by insertion alone (an
// alias, an explicit null, a flow list with comments or a trailing comma) gets none, and the
// quick-fix is then not offered.
import { isAlias, isMap, isScalar, isSeq, type Node } from 'yaml';
import type { InsertPoint } from './model.js';
import type { LineIndex } from './text.js';
import { topLevelPair, type YamlSource } from './yamlSource.js';

/**
 * Where to add an entry to the top-level list `key:`.
 * - a block list: after its last entry, at its indentation;
 * - `key:` with no value: on the next line, as a new block list;
 * - a flow list (`key: []`, `key: [a, b]`): inside the brackets, as a flow entry, when only
 *   spaces separate the last entry (or `[`) from `]`;
 * - no `key:`: after the last top-level pair, with the key.
 */
export function listInsertPoint(source: YamlSource, key: string, documentEnd: number): InsertPoint | undefined {
  const pair = topLevelPair(source, key);
  if (pair) {
    const value = pair.value as Node | null;
    if (isAlias(value)) return undefined;
    if (isSeq(value)) return value.flow ? flowPoint(source, value) : blockPoint(source, value);
    if (value === null || (isScalar(value) && value.source === '' && value.range && value.range[0] === value.range[1])) {
      return emptyValuePoint(source, pair.key as Node | null);
    }
    return undefined;
  }
  const contents = source.doc?.contents;
  if (contents && (!isMap(contents) || contents.flow)) return undefined;
  const end = contents?.range ? source.base + contents.range[1] : documentEnd;
  return pointAfter(source, end, '  ', true);
}

/** The new measure's place in a YAML standard, or none when `measures:` cannot take one by insertion. */
export function yamlMeasuresInsert(source: YamlSource, documentEnd: number): InsertPoint | undefined {
  return listInsertPoint(source, 'measures', documentEnd);
}

/** The new measure's place in a Markdown standard: the end of the document. */
export function markdownMeasuresInsert(text: string, lines: LineIndex): InsertPoint {
  const position = lines.positionAt(text.length);
  return { position, indent: '', needsKey: false, needsLeadingNewline: position.character > 0 };
}

function blockPoint(source: YamlSource, seq: Node): InsertPoint | undefined {
  if (!seq.range) return undefined;
  const indent = ' '.repeat(source.lines.positionAt(source.base + seq.range[0]).character);
  return pointAfter(source, source.base + seq.range[1], indent, false);
}

function emptyValuePoint(source: YamlSource, key: Node | null): InsertPoint | undefined {
  if (!key?.range) return undefined;
  const at = source.lines.positionAt(source.base + key.range[0]);
  const indent = ' '.repeat(at.character + 2);
  const lineEnd = source.lines.lineEnd(at.line);
  if (at.line + 1 >= source.lines.lineCount) return { position: source.lines.positionAt(lineEnd), indent, needsKey: false, needsLeadingNewline: true };
  return { position: { line: at.line + 1, character: 0 }, indent, needsKey: false, needsLeadingNewline: false };
}

function flowPoint(source: YamlSource, seq: Node & { items: unknown[] }): InsertPoint | undefined {
  if (!seq.range) return undefined;
  const text = source.lines.text;
  const open = source.base + seq.range[0];
  const close = source.base + seq.range[1] - 1;
  if (text[open] !== '[' || text[close] !== ']') return undefined;
  const last = seq.items[seq.items.length - 1] as Node | undefined;
  if (last !== undefined && !last.range) return undefined;
  const after = last?.range ? source.base + last.range[1] : open + 1;
  // Only spaces and line breaks between the last entry and `]`: no comment, no trailing comma.
  if (!/^\s*$/.test(text.slice(after, close))) return undefined;
  return { position: source.lines.positionAt(after), indent: '', needsKey: false, needsLeadingNewline: false, flow: last ? 'next' : 'first' };
}

function pointAfter(source: YamlSource, offset: number, indent: string, needsKey: boolean): InsertPoint {
  const lines = source.lines;
  const position = lines.positionAt(offset);
  if (position.character === 0) return { position, indent, needsKey, needsLeadingNewline: false };
  const lineEnd = lines.lineEnd(position.line);
  const atEof = position.line + 1 >= lines.lineCount;
  if (atEof) return { position: lines.positionAt(lineEnd), indent, needsKey, needsLeadingNewline: true };
  return { position: { line: position.line + 1, character: 0 }, indent, needsKey, needsLeadingNewline: false };
}

/**
 * The lines that close what a Markdown text leaves open at its end (CommonMark, top level): a
 * fenced code block, or an HTML block that ends only at its closing text (`-->`, `</pre>`,
 * `</script>`, `</style>`, `</textarea>`, `?>`, `]]>`, `>`). Appended text would otherwise be
 * swallowed by it. HTML blocks that end at a blank line are tracked only so that a fence inside one
 * is not taken for a fence.
 */
export function openBlockCloser(text: string): string | undefined {
  let open: { fence?: { char: string; length: number }; html?: { until: RegExp | 'blank'; closer?: string } } = {};
  let paragraph = false;
  const all = text.split(/\r\n|\r|\n/);
  for (const line of all.slice(frontMatterLines(all))) {
    const blank = /^[ \t]*$/.test(line);
    if (open.fence) {
      const m = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
      if (m && m[1][0] === open.fence.char && m[1].length >= open.fence.length) open = {};
      continue;
    }
    if (open.html) {
      if (open.html.until === 'blank' ? blank : open.html.until.test(line)) {
        open = {};
        paragraph = false;
      }
      continue;
    }
    const fence = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    if (fence && !(fence[1][0] === '`' && fence[2].includes('`'))) {
      open = { fence: { char: fence[1][0], length: fence[1].length } };
      paragraph = false;
      continue;
    }
    const html = htmlBlockStart(line, paragraph);
    if (html) {
      const rest = line.slice(line.indexOf('<') + 1);
      if (html.until === 'blank' || !html.until.test(rest)) open = { html };
      paragraph = false;
      continue;
    }
    paragraph = !blank && (paragraph || !/^ {0,3}(#{1,6}([ \t]|$)|([-*_])[ \t]*(\3[ \t]*){2,}$)/.test(line));
  }
  if (open.fence) return open.fence.char.repeat(open.fence.length);
  return open.html && open.html.until !== 'blank' ? open.html.closer : undefined;
}

/** Lines taken by front matter (`---` … `---` or `...` at the very start), which is not Markdown. */
function frontMatterLines(lines: string[]): number {
  if (!/^---[ \t]*$/.test(lines[0] ?? '')) return 0;
  for (let i = 1; i < lines.length; i++) if (/^(---|\.\.\.)[ \t]*$/.test(lines[i])) return i + 1;
  return 0;
}

const RAW_TAGS = /^ {0,3}<(script|pre|style|textarea)(?=[ \t>]|$)/i;
const BLOCK_TAGS = new Set(('address article aside base basefont blockquote body caption center col colgroup dd details dialog dir div dl dt '
  + 'fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr html iframe legend li link main menu '
  + 'menuitem nav noframes ol optgroup option p param search section summary table tbody td tfoot th thead title tr track ul').split(' '));

/** CommonMark HTML block start conditions 1–7 and how each block ends. */
function htmlBlockStart(line: string, paragraph: boolean): { until: RegExp | 'blank'; closer?: string } | undefined {
  const raw = RAW_TAGS.exec(line);
  if (raw) return { until: /<\/(script|pre|style|textarea)>/i, closer: `</${raw[1].toLowerCase()}>` };
  if (/^ {0,3}<!--/.test(line)) return { until: /-->/, closer: '-->' };
  if (/^ {0,3}<\?/.test(line)) return { until: /\?>/, closer: '?>' };
  if (/^ {0,3}<![A-Za-z]/.test(line)) return { until: />/, closer: '>' };
  if (/^ {0,3}<!\[CDATA\[/.test(line)) return { until: /\]\]>/, closer: ']]>' };
  const tag = /^ {0,3}<\/?([A-Za-z][A-Za-z0-9-]*)(?=[ \t>]|\/>|$)/.exec(line);
  if (tag && BLOCK_TAGS.has(tag[1].toLowerCase())) return { until: 'blank' };
  // Condition 7: one complete tag alone on its line; it cannot interrupt a paragraph.
  // (Approximated without attribute syntax, so that the pattern stays linear.)
  if (!paragraph && /^ {0,3}<\/?[A-Za-z][A-Za-z0-9-]*(?:[ \t][^<>]*)?\/?>[ \t]*$/.test(line)) return { until: 'blank' };
  return undefined;
}
