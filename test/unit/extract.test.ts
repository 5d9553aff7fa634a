import assert from 'node:assert/strict';
import { extractFile } from '../../server/src/core/extract.js';
import type { StandardModel } from '../../server/src/core/model.js';
import { LineIndex } from '../../server/src/core/text.js';
import { check, codesOf, diagnosticsOf, CATALOG, markdown } from '../helpers/memoryWorkspace.js';

function standard(text: string, path = 'a.md'): StandardModel {
  const model = extractFile(path, text).model;
  assert.equal(model?.kind, 'standard');
  return model as StandardModel;
}

/** The text a range covers, to assert ranges by what the user sees. */
function textAt(text: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
}

describe('Markdown extraction', () => {
  it('finds measures in headings and their sections up to the next heading of the same or higher level', () => {
    const text = markdown('', '# 基準\n## EL-PR-01 遠隔アクセス\nCovers: BL-PR-01\n### 詳細\n対応: BL-PR-05\n## EL-PR-02: 第二\n### EL-PR-02-A 子\nCovers: BL-GV-01\n');
    const model = standard(text);
    assert.deepEqual(model.measures.map((m) => [m.id, m.title, m.covers.map((c) => c.id)]), [
      ['EL-PR-01', '遠隔アクセス', ['BL-PR-01', 'BL-PR-05']],
      ['EL-PR-02', '第二', []],
      ['EL-PR-02-A', '子', ['BL-GV-01']],
    ]);
    assert.equal(textAt(text, model.measures[0].range), 'EL-PR-01');
  });

  it('accepts every marker form of the contract', () => {
    const body = [
      '## EL-PR-01 x',
      'Covers: BL-PR-01, BL-PR-02',
      'COVERS: BL-PR-03 BL-PR-04',
      '対応：BL-PR-05、BL-PR-06，BL-PR-07',
      '- **対応:** BL-PR-08',
      'Text <!-- covers: BL-PR-09, BL-PR-10 --> more',
      '<!--',
      '対応：BL-PR-11',
      '-->',
      '対応: 速やかに実施する BL-PR-99',
      '```',
      'Covers: BL-PR-98',
      '```',
      '`Covers: BL-PR-97`',
    ].join('\n');
    const text = markdown('', body);
    const ids = standard(text).measures[0].covers.map((c) => c.id);
    // A draft inside a multi-line comment (BL-PR-11) and code (BL-PR-97, BL-PR-98) are not the
    // standard's own text; a note in a marker is reported and the ids after it still count.
    assert.deepEqual(ids, ['BL-PR-01', 'BL-PR-02', 'BL-PR-03', 'BL-PR-04', 'BL-PR-05', 'BL-PR-06', 'BL-PR-07', 'BL-PR-08', 'BL-PR-99', 'BL-PR-09', 'BL-PR-10']);
    for (const c of standard(text).measures[0].covers) assert.equal(textAt(text, c.range), c.id);
  });

  it('ignores markers outside measure sections', () => {
    const model = standard(markdown('', 'Covers: BL-PR-01\n# 前文\nCovers: BL-PR-02\n## EL-PR-01\nCovers: BL-PR-03\n'));
    assert.deepEqual(model.measures.flatMap((m) => m.covers.map((c) => c.id)), ['BL-PR-03']);
  });

  it('keeps UTF-16 columns right after surrogate pairs and full-width characters', () => {
    const text = markdown('', '## EL-PR-01 𠮷野家😀\n対応：𠮷 BL-PR-01\nＡＢＣ😀 PR.AC-1\n');
    const model = standard(text);
    const ref = model.measures[0].covers;
    assert.deepEqual(ref.map((r) => r.id), ['BL-PR-01'], 'a non-id word is reported, not the end of the list');
    assert.deepEqual(ref[0].range.start, { line: 6, character: 6 });
    const text2 = markdown('', '## EL-PR-01 𠮷野家😀\n対応：BL-PR-01\n😀😀 PR.AC-1\n');
    const m2 = standard(text2).measures[0];
    assert.deepEqual(m2.covers[0].range.start, { line: 6, character: 3 });
    assert.deepEqual(m2.csf[0].range, { start: { line: 7, character: 5 }, end: { line: 7, character: 12 } });
    assert.equal(textAt(text2, m2.csf[0].range), 'PR.AC-1');
  });

  it('reads CRLF files with the same lines and columns as LF files', () => {
    const lf = markdown('exemptions:\n  - control: BL-PR-05\n', '## EL-PR-01 x\r\n対応：BL-PR-01\n');
    const crlf = lf.replace(/\r?\n/g, '\r\n');
    const a = standard(lf.replace(/\r\n/g, '\n'));
    const b = standard(crlf);
    assert.deepEqual(b.measures, a.measures.map((m) => ({ ...m, sectionRange: b.measures[0].sectionRange })));
    assert.deepEqual(b.exemptions[0].control, a.exemptions[0].control);
    assert.equal(textAt(crlf, b.exemptions[0].control!.range), 'BL-PR-05');
  });

  it('strips a UTF-8 BOM so positions match what editors show', () => {
    const text = markdown('', '## EL-PR-01\n対応: BL-PR-01\n');
    const a = standard(text);
    const b = standard('\ufeff' + text);
    assert.deepEqual(b.measures, a.measures);
  });

  it('reports unterminated front matter as a syntax error', async () => {
    const { report } = await check({ 'c.yaml': CATALOG, 'a.md': '---\nkind: standard\nsector: x\n# heading\n' });
    assert.deepEqual(codesOf(report, 'a.md'), ['syntax']);
  });

  it('ignores Markdown files that are not standards when there is no kijun.yaml', async () => {
    const { report } = await check({ 'c.yaml': CATALOG, 'README.md': '# Notes\nCovers: BL-XX-01\n', 'other.md': '---\ntitle: blog\n---\n' });
    assert.deepEqual(report.files.map((f) => f.path), ['c.yaml']);
  });

  it('requires front matter of a Markdown file kijun.yaml names as a standard', async () => {
    const { report } = await check({ 'kijun.yaml': 'catalogs: [c.yaml]\nstandards: ["s/*.md"]\n', 'c.yaml': CATALOG, 's/a.md': '# no front matter\n' });
    assert.deepEqual(diagnosticsOf(report, 's/a.md').map((d) => d.code), ['schema']);
  });
});

describe('YAML standard extraction', () => {
  const yamlStandard = `kind: standard
sector: finance
title: 金融分野
baseline: jp-ci-baseline@2026.1
level: 2
measures:
  - id: FN-PR-01
    title: 多要素認証
    covers: [BL-PR-01, BL-PR-05]
    csf: [PR.AA-03]
    text: |
      遠隔アクセスには多要素認証を用いる(旧 PR.AC-7)。
  - id: FN-GV-01
    covers:
      - BL-GV-01
      - BL-ZZ-01
`;

  it('extracts measures with exact ranges, including CSF ids inside block scalars', () => {
    const model = standard(yamlStandard, 'f.yaml');
    assert.equal(model.format, 'yaml');
    assert.equal(model.level, 2);
    const [first, second] = model.measures;
    assert.deepEqual(first.covers.map((c) => textAt(yamlStandard, c.range)), ['BL-PR-01', 'BL-PR-05']);
    assert.deepEqual(first.csf.map((c) => textAt(yamlStandard, c.range)), ['PR.AA-03', 'PR.AC-7']);
    assert.deepEqual(second.covers.map((c) => c.range.start.line), [14, 15]);
  });

  it('joins coverage with the sector and reports unknown controls in covers', async () => {
    const { report } = await check({ 'c.yaml': CATALOG, 'f.yaml': yamlStandard });
    assert.deepEqual(codesOf(report, 'f.yaml'), ['uncovered-control', 'unknown-control', 'unknown-csf']);
    assert.deepEqual(report.coverage[0].uncovered, ['BL-RC-02']);
  });
});

describe('multi-file sectors', () => {
  it('computes one coverage across all files of a sector and reports gaps once, in the first file', async () => {
    const a = markdown('level: 1\n', '## EL-PR-01\n対応: BL-PR-01\n');
    const b = markdown('level: 2\n', '## EL-GV-01\n対応: BL-GV-01\n');
    const gas = markdown('', '## GS-PR-01\n対応: BL-PR-01, BL-PR-05, BL-GV-01\n').replace('electricity', 'gas');
    const { report } = await check({ 'c.yaml': CATALOG, 'el/a.md': a, 'el/b.md': b, 'gas.md': gas });
    assert.deepEqual(report.coverage.map((c) => [c.sector, c.level, c.required, c.covered, c.uncovered]), [
      ['electricity', 2, 4, 2, ['BL-PR-05', 'BL-RC-02']],
      ['gas', 1, 3, 3, []],
    ]);
    assert.deepEqual(codesOf(report, 'el/a.md'), ['uncovered-control', 'uncovered-control']);
    assert.deepEqual(codesOf(report, 'el/b.md'), []);
  });

  it('lets a compensating measure live in another file of the sector', async () => {
    const a = markdown('exemptions:\n  - control: BL-PR-05\n    rationale: 制御系ネットワークは閉域網であり、更新用の接続口がリスクを高めるため。\n    compensating: [EL-PR-07]\n', '## EL-PR-01\n対応: BL-PR-01, BL-GV-01\n');
    const b = markdown('', '## EL-PR-07 許可リスト方式\n');
    const { report } = await check({ 'c.yaml': CATALOG, 'a.md': a, 'b.md': b });
    assert.deepEqual(codesOf(report), []);
    assert.equal(report.coverage[0].exempted, 1);
  });

  it('checks a single file of a configured workspace against its whole sector', async () => {
    const config = 'catalogs: [c.yaml]\nstandards: ["el/*.md"]\n';
    const a = markdown('', '## EL-PR-01\n対応: BL-PR-01, BL-PR-05\n');
    const b = markdown('', '## EL-GV-01\n対応: BL-GV-01\n');
    const { report } = await check({ 'kijun.yaml': config, 'c.yaml': CATALOG, 'el/a.md': a, 'el/b.md': b }, { paths: ['el/a.md'] });
    assert.deepEqual(report.files.map((f) => f.path), ['el/a.md']);
    assert.deepEqual(report.coverage[0].uncovered, []);
  });
});

describe('hostile bytes', () => {
  it('reports a Shift_JIS standard as not UTF-8 instead of garbling it', async () => {
    const sjis = new Uint8Array([...new TextEncoder().encode('---\nkind: standard\nsector: electricity\ntitle: '), 0x93, 0x64, 0x97, 0xcd, 0x0a, ...new TextEncoder().encode('---\n')]);
    const { report } = await check({ 'c.yaml': CATALOG, 'sjis.md': sjis });
    const d = diagnosticsOf(report, 'sjis.md');
    assert.deepEqual(d.map((x) => x.code), ['syntax']);
    assert.match(d[0].message, /UTF-8/);
  });

  it('reads UTF-16 files with a BOM', async () => {
    const text = markdown('', '## EL-PR-01\n対応: BL-PR-01, BL-PR-05, BL-GV-01\n');
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(text, 'utf16le'))]);
    const { report } = await check({ 'c.yaml': CATALOG, 'el.md': utf16 });
    assert.deepEqual(codesOf(report), []);
    assert.equal(report.coverage[0].covered, 3);
  });

  it('skips binary files that are not declared ours, and flags declared ones', async () => {
    const binary = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]);
    const { report } = await check({ 'kijun.yaml': 'catalogs: [c.yaml]\nstandards: ["s/*.md"]\n', 'c.yaml': CATALOG, 'img.md': binary, 's/bin.md': binary });
    assert.deepEqual(report.files.map((f) => f.path), ['c.yaml', 's/bin.md']);
    assert.match(diagnosticsOf(report, 's/bin.md')[0].message, /binary/);
  });
});
