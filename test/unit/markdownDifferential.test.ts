// The Markdown block scanner (server/src/core/markdownBlocks.ts) against remark, the parser it
// replaced in extraction: on generated and mutated standards both must give the same layout
// (headings, skipped text, nested regions, comments) and the same extraction (measures, ids,
// ranges, covers, CSF references, findings). Seeded; FC_NUM_RUNS and FC_SEED as in properties.test.ts.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { scanMarkdown, MAX_PARSED_HEADING, type Layout } from '../../server/src/core/markdownBlocks.js';
import { parseMarkdown, extractMarkdownStandard } from '../../server/src/core/extractMarkdown.js';
import { LineIndex } from '../../server/src/core/text.js';
import { remarkLayout } from '../helpers/remarkLayout.js';
import { SNIPPETS, applyMutations, type Mutation } from '../fuzz/mutations.js';

const SEED = 20261202;

function markdown(front: string, body: string): string {
  return `---\nkind: standard\nsector: electricity\nbaseline: jp-ci-baseline@2026.1\n${front}---\n${body}`;
}

function options(defaultRuns: number): fc.Parameters<unknown> {
  const runs = Number(process.env.FC_NUM_RUNS);
  const seed = Number(process.env.FC_SEED);
  return { numRuns: Number.isFinite(runs) && runs > 0 ? runs : defaultRuns, seed: process.env.FC_SEED && Number.isFinite(seed) ? seed : SEED };
}

// ---- generated standards ----

const LABELS = ['EL-PR-01', 'EL-PR-02', 'BL-GV-01', '第5条', '第3条の2', '第十二条', 'ＥＬ－ＰＲ－０３', '1.2', 'EL-PR-01の運用', 'X1-ID-07', '𠮷-PR-01'];
const IDS = ['BL-PR-01', 'BL-PR-02', 'BL-GV-01', 'ＢＬ－ＰＲ－０１', 'BL-PR-02・BL-GV-01', 'BL-XX-99', 'EL-PR-01\u200b'];
const CSF = ['PR.AA-03', 'GV.RR-01', 'PR.AC-1', 'DE.CM-01'];

const word = fc.constantFrom('遠隔', 'access', 'する', 'shall', '全角　空白', '𠮷野', 'a', 'tab\there', '');
const inline = fc.oneof(
  { weight: 4, arbitrary: word },
  fc.constantFrom(...LABELS, ...IDS, ...CSF),
  fc.constantFrom('`', '``', '```', '\\`', '`x`', '``a`b``', '` `', '`PR.AA-03`', '`Covers: BL-PR-01`'),
  fc.constantFrom('<!--', '-->', '<!-- covers: BL-PR-01 -->', '<!---->', '<!-->', '<!-- a --->', '<b>', '</b>', '<a href="x">', "<a title='`'>", '<?x?>', '<!X y>', '<![CDATA[ c ]]>', '<script>', '<pre>', '<http://x.y>', '<a@b.c>', '<a b="'),
  fc.constantFrom('*', '**', '_', '__', '*em*', '**対応**', '[', ']', '[a](', ')', '[a]', '[EL-PR-01]', '![i](u)', '&amp;', '&#x5f;', '\\', '\\*', '\\<', '#', ' #'),
);
const inlineText = fc.array(inline, { maxLength: 6 }).map((parts) => parts.join(' '));

const prefix = fc.array(fc.constantFrom('> ', '>', '- ', '* ', '+ ', '1. ', '2) ', '10. ', '  ', '   ', '    ', '\t', ' ', '-\t', '>\t'), { maxLength: 3 }).map((p) => p.join(''));

const body = fc.oneof(
  { weight: 3, arbitrary: inlineText },
  { weight: 3, arbitrary: fc.tuple(fc.integer({ min: 1, max: 7 }), fc.constantFrom(...LABELS), inlineText, fc.constantFrom('', ' ##', '#', ' #  ')).map(([n, l, t, c]) => `${'#'.repeat(n)} ${l} ${t}${c}`) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom('Covers: ', '対応：', '**対応**: ', 'COVERS：', '- Covers: ', '<!-- covers: ', '関連: '), fc.array(fc.constantFrom(...IDS, ...CSF), { minLength: 1, maxLength: 3 }), fc.constantFrom('', ' -->', ' -->x', ',')).map(([k, ids, end]) => `${k}${ids.join(', ')}${end}`) },
  fc.constantFrom('===', '---', '  --  ', '= =', '-', '***', '- - -', '___', '* * *'),
  fc.constantFrom('```', '```js', '~~~', '````', '``` a `', '~~~ a `b`', '  ```', '```  '),
  fc.constantFrom('<!--', '-->', '<!-- covers: BL-PR-01 -->', '<div>', '</div>', '<script>', '</script>', '</SCRIPT>', '<pre>', '</pre>', '<style>', '<textarea>', '<?php', '?>', '<!DOCTYPE html>', '<![CDATA[', ']]>', '<x-y a="1">', '<a href="x">', '</a>', '<div/>', '<!-->', '<?>'),
  fc.constantFrom('[a]: /u', '[EL-PR-01]: /x "t"', '[b]: <u> \'t\'', '[a]:', '[a]: /u x'),
  fc.constant(''),
);

const lineEnding = fc.constantFrom('\n', '\n', '\n', '\n', '\r\n', '\r');

const line = fc.tuple(prefix, body, lineEnding).map(([p, b, e]) => `${p}${b}${e}`);

const frontMatter = fc.constantFrom('', markdown('', ''), '---\nkind: standard\n---\n', '---\r\nkind: standard\r\n---\r\n', '---  \nkind: standard\n---  \n', '---\n---\n', '--- x\n');

const document = fc.tuple(frontMatter, fc.array(line, { maxLength: 30 })).map(([fm, lines]) => fm + lines.join(''));

// ---- mutated standards ----

const BASE = markdown('', `# 電力分野

## EL-PR-01 遠隔アクセス
対応: BL-PR-01, BL-PR-02
関連: PR.AA-03

> ## EL-PR-09 引用
> Covers: BL-PR-03

- 項目
  ## EL-PR-10 入れ子
  Covers: BL-GV-01

<!--
Covers: BL-PR-04
-->

\`\`\`
Covers: BL-PR-05
\`\`\`

    Covers: BL-PR-06

## 第5条 記録
**対応**: BL-DE-01 <!-- covers: BL-DE-02 --> \`Covers: BL-DE-03\`

見出し
======
Covers: BL-RS-01

<div>
Covers: BL-RS-02
</div>
`);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(1_000_000), text: fc.constantFrom(...SNIPPETS) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(1_000_000), length: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(1_000_000), length: fc.integer({ min: 1, max: 8 }), text: fc.constantFrom(...SNIPPETS) }),
  fc.record({ op: fc.constant('duplicateLine' as const), at: fc.nat(1_000_000) }),
  fc.record({ op: fc.constant('deleteLine' as const), at: fc.nat(1_000_000) }),
  fc.record({ op: fc.constant('swapLines' as const), at: fc.nat(1_000_000), other: fc.nat(1_000_000) }),
  fc.record({ op: fc.constant('marker' as const), at: fc.nat(1_000_000), ids: fc.array(fc.constantFrom(...IDS), { minLength: 1, maxLength: 2 }), fullWidth: fc.boolean() }),
  fc.constant({ op: 'crlf' as const }),
  fc.constant({ op: 'tabs' as const }),
);

const mutated = fc.array(mutation, { minLength: 1, maxLength: 8 }).map((ms) => applyMutations(BASE, ms));

// ---- hostile shapes (docs/robustness.md, test/unit/hostile.test.ts, issue 13) at a size remark parses quickly ----

const HOSTILE: [string, string][] = [
  ['[a]( repeated', markdown('', `# 電力\n\n## EL-PR-01 x\n${'[a]('.repeat(500)}\nCovers: BL-PR-01\n`)],
  ['unclosed <!-- covers: repeated', markdown('', `# 電力\n\n## EL-PR-01 x\n${'<!-- covers: BL-PR-01\n'.repeat(200)}Covers: BL-PR-02\n`)],
  ['unclosed inline <!-- covers: repeated', markdown('', `# 電力\n\n## EL-PR-01 x\ntext ${'<!-- covers: BL-PR-01 '.repeat(200)}\nCovers: BL-PR-02\n`)],
  ['nested lists repeated', markdown('', `# 電力\n\n## EL-PR-01 x\n${'- a\n  - b\n'.repeat(200)}Covers: BL-PR-01\n`)],
  ['deep list on one line', markdown('', `# 電力\n\n## EL-PR-01 x\n${'- '.repeat(40)}Covers: BL-PR-01\n`)],
  ['deep block quote on one line', markdown('', `# 電力\n\n## EL-PR-01 x\n${'>'.repeat(40)} Covers: BL-PR-01\n`)],
  ['list staircase', markdown('', `# 電力\n\n## EL-PR-01 x\n${Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}- l${i}\n`).join('')}Covers: BL-PR-01\n`)],
  ['backtick runs', markdown('', `# 電力\n\n## EL-PR-01 x\n${Array.from({ length: 60 }, (_, i) => '`'.repeat(1 + (i % 7))).join(' a ')} PR.AA-03\nCovers: BL-PR-01\n`)],
  ['open tags with quotes', markdown('', `# 電力\n\n## EL-PR-01 x\n${'<a x="'.repeat(100)} PR.AA-03\nCovers: BL-PR-01\n`)],
  ['UTF-8 BOM + CRLF', `\ufeff${markdown('', '# 電力\n\n## EL-PR-01 遠隔アクセス\nCovers: BL-PR-01\n').replace(/\n/g, '\r\n')}`],
  ['unterminated front matter', '---\nkind: standard\nsector: electricity\n# 電力\n## EL-PR-01 x\n'],
  ['lone surrogate', markdown('', '# 電力\n\n## EL-PR-01 遠\ud800隔\nCovers: BL-PR-01\n')],
  ['unclosed raw HTML at the end', markdown('', '# 電力\n\n## EL-PR-01 x\n<pre>\nCovers: BL-PR-01\n')],
  ['unclosed fence at the end', markdown('', '# 電力\n\n## EL-PR-01 x\n```\nCovers: BL-PR-01\n')],
];

// ---- comparison ----

function extraction(text: string, scan: (t: string) => Layout): unknown {
  const lines = new LineIndex(text);
  const parsed = parseMarkdown(text, lines, scan);
  const { model, findings } = extractMarkdownStandard(text, lines, parsed);
  return { frontMatter: parsed.frontMatter && { start: parsed.frontMatter.start, end: parsed.frontMatter.end }, parseFindings: parsed.findings, model, findings };
}

/**
 * micromark ends a fenced code or raw HTML block that a new container line closes after that
 * line's break (and prefix), the scanner before it. No offset there can be a marker or a CSF
 * reference, so ends inside a line's container prefix are compared as the end of the line before.
 */
function comparable(layout: Layout, text: string): Layout {
  const lines = new LineIndex(text);
  const end = (start: number, at: number): number => {
    const line = lines.positionAt(at).line;
    const lineStart = lines.lineStart(line);
    if (line === 0 || lineStart <= start || at === lines.lineEnd(line) || !/^[ \t>*+\-0-9.)]*$/.test(text.slice(lineStart, at))) return at;
    return lines.lineEnd(line - 1);
  };
  // Ranges one line break apart skip the same text as their union.
  const ranges = (list: [number, number][]): [number, number][] => {
    const out: [number, number][] = [];
    for (const [s, e] of list.map(([s, e]): [number, number] => [s, end(s, e)])) {
      const last = out[out.length - 1];
      if (last && /^(?:\r\n|\r|\n)?$/.test(text.slice(last[1], s))) last[1] = Math.max(last[1], e);
      else out.push([s, e]);
    }
    return out;
  };
  const comments = layout.comments.map((c) => ({ start: c.start, value: c.value.replace(/(?:\r\n|\r|\n)[ \t>*+\-0-9.)]*$/, '') }));
  return { ...layout, skip: ranges(layout.skip), nested: ranges(layout.nested), comments };
}

/**
 * remark-frontmatter leaves its construct current after an opening `---` line that is never
 * closed, and micromark then reads no block quote or list to the end of the file. The scanner
 * reads them (CommonMark); the file has an unterminated-front-matter finding either way.
 */
const UNCLOSED_FRONT_MATTER = (text: string): boolean => /^---[ \t]*(?:\r\n|\r|\n)/.test(text) && !remarkLayout(text).frontMatter;

/** The oracle parses each text once (remark is the slow half of every case). */
function remarkOnce(): (text: string) => Layout {
  const seen = new Map<string, Layout>();
  return (text) => {
    let layout = seen.get(text);
    if (!layout) seen.set(text, (layout = remarkLayout(text)));
    return structuredClone(layout);
  };
}

function assertSame(text: string): void {
  // extract.ts drops a byte order mark before anything reads the text.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const remark = remarkOnce();
  const scanned = comparable(scanMarkdown(text), text);
  const oracle = comparable(remark(text), text);
  for (const key of ['frontMatter', 'headings', 'skip', 'nested', 'comments'] as const) {
    assert.deepEqual(scanned[key], oracle[key], `${key} of ${JSON.stringify(text)}`);
  }
  assert.deepEqual(extraction(text, scanMarkdown), extraction(text, remark), `extraction of ${JSON.stringify(text)}`);
}

describe('Markdown scanner against remark (differential)', function () {
  this.timeout(120_000);

  it('generated standards: the same layout and extraction', () => {
    fc.assert(fc.property(document, (text) => {
      fc.pre(!UNCLOSED_FRONT_MATTER(text));
      assertSame(text);
    }), options(2000));
  });

  it('mutated standards: the same layout and extraction', () => {
    fc.assert(fc.property(mutated, (text) => {
      fc.pre(!UNCLOSED_FRONT_MATTER(text));
      assertSame(text);
    }), options(600));
  });

  for (const [name, text] of HOSTILE) {
    it(`hostile shape: ${name}`, () => assertSame(text));
  }
});

describe('Markdown scanner: headings too long for the inline parser', () => {
  const ids = (text: string): string[] => (extraction(text, scanMarkdown) as { model: { measures: { id: string }[] } }).model.measures.map((m) => m.id);
  const long = ` ${'[a]('.repeat(MAX_PARSED_HEADING / 4)}`;

  it('reads a plainly written label of a heading over the limit', () => {
    assert.deepEqual(ids(markdown('', `## EL-PR-01${long}
Covers: BL-PR-01
`)), ['EL-PR-01']);
  });

  it('does not read a label behind markup in a heading over the limit (no measure rather than a wrong one)', () => {
    assert.deepEqual(ids(markdown('', `## **EL-PR-01**${long}
Covers: BL-PR-01
`)), []);
    assert.deepEqual(ids(markdown('', `## **EL-PR-01** x
Covers: BL-PR-01
`)), ['EL-PR-01']);
  });
});
