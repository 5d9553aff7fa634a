// The Word importer in the core, on .docx files built here with the same writer the sample uses:
// real package structure (content types, relationships, styles, numbering), so what is tested is
// what Word files give the importer.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as w from '../../scripts/lib/docxWriter.mjs';
import { docxToMarkdown, type DocxResult } from '../../server/src/core/docx/convert.js';
import { formatNumber, kanji } from '../../server/src/core/docx/numbering.js';
import { noteText, problemText } from '../../server/src/core/docx/messages.js';
import { randomSource } from '../helpers/random.js';

type Spec = Parameters<typeof w.buildDocx>[0];

function convert(spec: Spec | Uint8Array, options = {}): Extract<DocxResult, { ok: true }> {
  const r = docxToMarkdown(spec instanceof Uint8Array ? spec : w.buildDocx(spec), options);
  if (!r.ok) assert.fail(`not converted: ${JSON.stringify(r.problem)}`);
  return r;
}

/** The Markdown after the front matter. */
function body(spec: Spec, options = {}): string {
  return convert(spec, options).markdown.replace(/^---\n[\s\S]*?\n---\n\n/, '');
}

function notes(r: Extract<DocxResult, { ok: true }>): Record<string, number> {
  return Object.fromEntries(r.notes.map((n) => [n.kind, n.count]));
}

const ARTICLE_STYLE = w.style({ id: 'a5', name: '条文見出し', numId: 1 });

describe('docx import: headings', () => {
  it('reads heading styles by English and Japanese names and by outline level, whatever their ids', () => {
    const md = body({
      styles: [
        w.style({ id: 'a3', name: '表題' }),
        w.style({ id: '1', name: 'heading 1' }),
        w.style({ id: '2', name: '見出し 2' }),
        w.style({ id: 'a7', name: '章見出し', outlineLvl: 0 }),
        w.style({ id: 'x', name: 'Heading 3' }),
        w.style({ id: 'a9', name: '節見出し', basedOn: 'x' }),
      ],
      body: [
        w.paragraph('港湾分野の安全基準等', { style: 'a3' }),
        w.paragraph('総則', { style: '1' }),
        w.paragraph('用語', { style: '2' }),
        w.paragraph('組織統治', { style: 'a7' }),
        w.paragraph('細目', { style: 'a9' }),
        w.paragraph('本文'),
      ].join(''),
    });
    assert.equal(md, '# 港湾分野の安全基準等\n\n## 総則\n\n### 用語\n\n## 組織統治\n\n#### 細目\n\n本文\n');
  });

  it('takes the title for the front matter from the Title style, else from the first heading; options fill the rest', () => {
    const titled = convert({ styles: [w.style({ id: 'a3', name: 'Title' })], body: w.paragraph('安全基準', { style: 'a3' }) }, { sector: 'port', baseline: 'jp-ci-baseline@2026.1', level: 2 });
    assert.ok(titled.markdown.startsWith('---\nkind: standard\nsector: port\ntitle: 安全基準\nbaseline: jp-ci-baseline@2026.1\nlevel: 2\n---\n\n# 安全基準\n'), titled.markdown);
    const headed = convert({ styles: [w.style({ id: '1', name: 'heading 1' })], body: w.paragraph('第1条 目的') + w.paragraph('港湾の基準', { style: '1' }) });
    assert.match(headed.markdown, /^title: 港湾の基準$/m, 'a measure label is not the title');
    const none = convert({ body: w.paragraph('本文') });
    assert.equal(none.markdown, '---\nkind: standard\n---\n\n本文\n');
  });

  it('quotes a title that YAML would misread', () => {
    const r = convert({ styles: [w.style({ id: 't', name: 'Title' })], body: w.paragraph('key: "value" # not a comment', { style: 't' }) });
    assert.match(r.markdown, /^title: 'key: "value" # not a comment'$/m);
  });
});

describe('docx import: article and clause labels', () => {
  it('makes a typed label a measure heading one level below its heading, keeping the label as written', () => {
    const md = body({
      styles: [w.style({ id: '1', name: '見出し 1' })],
      body: [
        w.paragraph('総則', { style: '1' }),
        w.paragraph('第5条　アクセス制御'),
        w.paragraph('対応: BL-PR-01'),
        w.paragraph('第3条の2 物理的管理'),
        w.paragraph('第十二条'),
        w.paragraph('第５条 全角'),
        w.paragraph('第5条に定める措置は、次のとおりとする。'),
        w.paragraph('第X条 ではない'),
      ].join(''),
    });
    assert.equal(md, [
      '# 総則', '## 第5条 アクセス制御', '対応: BL-PR-01', '## 第3条の2 物理的管理', '## 第十二条', '## 第５条 全角',
      '第5条に定める措置は、次のとおりとする。', '第X条 ではない',
    ].join('\n\n') + '\n');
  });

  it('takes typed 第N章, 第N節 and 附則 lines as headings above the articles, not as measures', () => {
    const r = convert({
      body: ['第1章　総則', '第1条 目的', '第1節 体制', '第2条 責任者', '第2章 防御', '第3条 アクセス制御', '附　則', '第1条 施行期日', '第3章に定める事項は、別に定める。'].map((t) => w.paragraph(t)).join(''),
    });
    assert.equal(r.markdown.replace(/^---[\s\S]*?---\n\n/, ''), [
      '# 第1章 総則', '## 第1条 目的', '## 第1節 体制', '### 第2条 責任者', '# 第2章 防御', '## 第3条 アクセス制御', '# 附　則', '## 第1条 施行期日', '第3章に定める事項は、別に定める。',
    ].join('\n\n') + '\n');
    assert.deepEqual(r.measures, ['第1条', '第2条', '第3条', '第1条']);
  });

  it('nests clause numbers by depth, and (1) and ① below them', () => {
    const md = body({
      body: ['2 組織', '2.1 方針', '2.1.1 見直し', '(1) 年次', '① 記録', '② 保存', '(2) 臨時', '2.1.1⑤ 丸数字', '2.2 体制', '3 識別', '1..2 ではない', '10 operators must report incidents within one hour.'].map((t) => w.paragraph(t)).join(''),
    });
    assert.equal(md, [
      '# 2 組織', '## 2.1 方針', '### 2.1.1 見直し', '#### (1) 年次', '##### ① 記録', '##### ② 保存', '#### (2) 臨時',
      '#### 2.1.1⑤ 丸数字', '## 2.2 体制', '# 3 識別', '1..2 ではない', '10 operators must report incidents within one hour.',
    ].join('\n\n') + '\n');
  });

  it('splits an article written as one paragraph: the label (and a caption) head it, the provision follows', () => {
    const md = body({
      body: [
        w.paragraph('（目的）'),
        w.paragraph('第一条　この基準は、港湾の物流機能を維持するために講ずべき措置を定めることを目的とする。'),
        w.paragraph('第二条 (定義) この基準において、港湾関係者とは、港湾の物流に関わる者をいう。'),
      ].join(''),
    });
    assert.equal(md, '# 第一条 （目的）\n\nこの基準は、港湾の物流機能を維持するために講ずべき措置を定めることを目的とする。\n\n# 第二条 (定義)\n\nこの基準において、港湾関係者とは、港湾の物流に関わる者をいう。\n');
  });
});

describe('docx import: automatic numbering', () => {
  it('第%1条 in kanji (japaneseCounting) and in digits, from a style linked to the numbering', () => {
    const articles = Array.from({ length: 12 }, (_, i) => w.paragraph(`条${i + 1}`, { style: 'a5' })).join('');
    const kanjiMd = body({
      styles: [ARTICLE_STYLE],
      numbering: [w.abstractNum(0, [{ ilvl: 0, numFmt: 'japaneseCounting', lvlText: '第%1条', pStyle: 'a5', suff: 'space' }]), w.num(1, 0)],
      body: articles,
    });
    assert.deepEqual(kanjiMd.trim().split('\n\n'), ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'].map((k, i) => `# 第${k}条 条${i + 1}`));
    const decimal = convert({
      styles: [ARTICLE_STYLE],
      numbering: [w.abstractNum(0, [{ ilvl: 0, numFmt: 'decimal', lvlText: '第%1条', suff: 'tab' }]), w.num(1, 0)],
      body: articles,
    });
    assert.deepEqual(decimal.measures, Array.from({ length: 12 }, (_, i) => `第${i + 1}条`));
  });

  it('%1.%2 with level restarts, ① under it, bullets and numbered lists', () => {
    const md = body({
      numbering: [
        w.abstractNum(0, [{ ilvl: 0, lvlText: '%1', suff: 'space' }, { ilvl: 1, lvlText: '%1.%2', suff: 'space' }, { ilvl: 2, numFmt: 'decimalEnclosedCircle', lvlText: '%3', suff: 'nothing' }]),
        w.abstractNum(1, [{ ilvl: 0, numFmt: 'bullet', lvlText: '・' }, { ilvl: 1, numFmt: 'bullet', lvlText: '-' }]),
        w.abstractNum(2, [{ ilvl: 0, lvlText: '%1.' }]),
        w.num(1, 0), w.num(2, 1), w.num(3, 2),
      ],
      body: [
        w.paragraph('組織', { numId: 1, ilvl: 0 }),
        w.paragraph('方針', { numId: 1, ilvl: 1 }),
        w.paragraph('記録', { numId: 1, ilvl: 2 }),
        w.paragraph('保存', { numId: 1, ilvl: 2 }),
        w.paragraph('体制', { numId: 1, ilvl: 1 }),
        w.paragraph('識別', { numId: 1, ilvl: 0 }),
        w.paragraph('資産', { numId: 1, ilvl: 1 }),
        w.paragraph('台帳', { numId: 2, ilvl: 0 }),
        w.paragraph('分類', { numId: 2, ilvl: 1 }),
        w.paragraph('最初', { numId: 3 }),
        w.paragraph('次', { numId: 3 }),
      ].join(''),
    });
    assert.equal(md, '# 1 組織\n\n## 1.1 方針\n\n### ① 記録\n\n### ② 保存\n\n## 1.2 体制\n\n# 2 識別\n\n## 2.1 資産\n\n- 台帳\n  - 分類\n\n1. 最初\n2. 次\n');
  });

  it('w:start, w:startOverride restarts, lvlRestart 0 and instances sharing one definition', () => {
    const md = body({
      numbering: [
        w.abstractNum(0, [{ ilvl: 0, start: 5, lvlText: '第%1条', suff: 'space' }, { ilvl: 1, lvlText: '(%2)', lvlRestart: 0, suff: 'nothing' }]),
        w.num(1, 0), w.num(2, 0), w.num(3, 0, [{ ilvl: 0, start: 1 }]),
      ],
      body: [
        w.paragraph('a', { numId: 1, ilvl: 0 }),
        w.paragraph('x', { numId: 1, ilvl: 1 }),
        w.paragraph('b', { numId: 2, ilvl: 0 }),
        w.paragraph('y', { numId: 2, ilvl: 1 }),
        w.paragraph('c', { numId: 3, ilvl: 0 }),
        w.paragraph('d', { numId: 3, ilvl: 0 }),
      ].join(''),
    });
    assert.equal(md, '# 第5条 a\n\n## (1) x\n\n# 第6条 b\n\n## (2) y\n\n# 第1条 c\n\n# 第2条 d\n');
  });

  it('a multilevel list linked to heading styles numbers Heading 1 as 1 and Heading 2 as 1.1 (level found by the style)', () => {
    const md = body({
      styles: [w.style({ id: '1', name: 'heading 1', numId: 1 }), w.style({ id: '2', name: 'heading 2', numId: 1 })],
      numbering: [w.abstractNum(0, [{ ilvl: 0, lvlText: '%1', pStyle: '1', suff: 'space' }, { ilvl: 1, lvlText: '%1.%2', pStyle: '2', suff: 'space' }]), w.num(1, 0)],
      body: [w.paragraph('総則', { style: '1' }), w.paragraph('目的', { style: '2' }), w.paragraph('定義', { style: '2' }), w.paragraph('組織', { style: '1' }), w.paragraph('方針', { style: '2' })].join(''),
    });
    assert.equal(md, '# 1 総則\n\n## 1.1 目的\n\n## 1.2 定義\n\n# 2 組織\n\n## 2.1 方針\n');
  });

  it('a paragraph that switches its style\'s numbering off (numId 0) keeps its typed label', () => {
    const r = convert({
      styles: [ARTICLE_STYLE],
      numbering: [w.abstractNum(0, [{ ilvl: 0, lvlText: '第%1条', suff: 'space' }]), w.num(1, 0)],
      body: [w.paragraph('目的', { style: 'a5' }), w.paragraph('第1条の2　追加', { style: 'a5', numId: 0 }), w.paragraph('定義', { style: 'a5' })].join(''),
    });
    assert.deepEqual(r.measures, ['第1条', '第1条の2', '第2条']);
  });

  it('formats every counter as Word shows it', () => {
    const cases: [number, string, string][] = [
      [3, 'decimal', '3'], [3, 'decimalZero', '03'], [12, 'decimalFullWidth', '１２'], [5, 'decimalEnclosedCircle', '⑤'],
      [21, 'decimalEnclosedCircle', '㉑'], [51, 'decimalEnclosedCircle', '51'], [2, 'decimalEnclosedParen', '⑵'],
      [28, 'lowerLetter', 'bb'], [3, 'upperLetter', 'C'], [14, 'lowerRoman', 'xiv'], [1999, 'upperRoman', 'MCMXCIX'],
      [12, 'japaneseCounting', '十二'], [20, 'japaneseCounting', '二十'], [105, 'japaneseCounting', '百五'], [10000, 'japaneseCounting', '一万'],
      [10, 'ideographDigital', '一〇'], [2, 'aiueoFullWidth', 'イ'], [3, 'irohaFullWidth', 'ハ'], [2, 'ideographTraditional', '乙'],
      [11, 'japaneseLegal', '拾壱'], [2, 'ordinal', '2nd'], [7, 'unknownFormat', '7'],
    ];
    for (const [n, format, shown] of cases) assert.equal(formatNumber(n, format), shown, `${n} ${format}`);
    assert.equal(kanji(0), '〇');
  });
});

describe('docx import: tables, lists and text', () => {
  it('tables become GFM tables: | escaped, cell paragraphs and breaks as <br>, merged cells padded, nested tables flattened', () => {
    const nested = w.table([['内側A', '内側B'], ['C', 'D']]);
    const merged = '<w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>' + w.paragraph('結合') + '</w:tc><w:tc>' + w.paragraph('右') + '</w:tc>';
    const r = convert({
      body: w.table([['用語', '定義', '備考'], ['A|B', '一行目\n二行目', { xml: w.paragraph('段落1') + w.paragraph('段落2') }], [{ xml: w.paragraph('外') + nested }, '', '']])
        .replace(/<\/w:tbl>$/, `<w:tr>${merged}</w:tr></w:tbl>`),
    });
    assert.equal(r.markdown.replace(/^---[\s\S]*?---\n\n/, ''), [
      '| 用語 | 定義 | 備考 |',
      '| --- | --- | --- |',
      '| A\\|B | 一行目<br>二行目 | 段落1<br>段落2 |',
      '| 外<br>内側A / 内側B<br>C / D |   |   |',
      '| 結合 |   | 右 |',
    ].join('\n') + '\n');
    assert.equal(notes(r).nestedTables, 1);
  });

  it('an exemption table (管理策 / 理由 / 代替策 / 見直し期限) also fills the front matter', () => {
    const r = convert({
      body: w.table([['管理策', '理由', '代替策', '見直し期限'], ['ＢＬ－ＰＲ－１５', '制御装置に不正プログラム対策ソフトウェアを導入できないため。', '第14条、第15条', '2027-09-30'], ['説明', '管理策IDでない行は読まない', '', '']]),
    });
    assert.match(r.markdown, /^exemptions:\n {2}- control: BL-PR-15\n {4}rationale: 制御装置に不正プログラム対策ソフトウェアを導入できないため。\n {4}compensating: \[第14条, 第15条\]\n {4}review: 2027-09-30\n---\n/m);
    assert.equal(notes(r).exemptions, 1);
  });

  it('accepts tracked changes: insertions and moves kept, deletions and moved-from text dropped, a deleted paragraph mark joins paragraphs', () => {
    const r = convert({
      body: [
        w.paragraph(w.run('年') + w.deleted('2回') + w.inserted(w.run('1回以上')) + w.run('見直すこと。'), { raw: true }),
        w.paragraph('<w:moveFrom w:id="5" w:author="A" w:date="2026-11-01T00:00:00Z"><w:r><w:t>移動前</w:t></w:r></w:moveFrom><w:moveTo w:id="6" w:author="A" w:date="2026-11-01T00:00:00Z"><w:r><w:t>移動後</w:t></w:r></w:moveTo>', { raw: true }),
        w.paragraph('前半、', { pPr: '<w:rPr><w:del w:id="7" w:author="A" w:date="2026-11-01T00:00:00Z"/></w:rPr>' }),
        w.paragraph('後半。'),
      ].join(''),
    });
    assert.equal(r.markdown.replace(/^---[\s\S]*?---\n\n/, ''), '年1回以上見直すこと。\n\n移動後\n\n前半、後半。\n');
    assert.deepEqual([notes(r).insertions, notes(r).deletions], [2, 2]);
  });

  it('counts what it drops: images, comments, footnotes, text boxes, equations, hidden text; keeps a field\'s result', () => {
    const textBox = '<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent><w:p><w:r><w:t>箱</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>';
    const field = '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>';
    const r = convert({
      images: 1,
      comments: [{ id: 0, text: '要確認' }],
      body: w.paragraph([
        w.run('本文'), w.image(), w.commented(w.run('注記')), '<w:r><w:footnoteReference w:id="1"/></w:r>', textBox, field,
        '<m:oMath xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"><m:r><m:t>x</m:t></m:r></m:oMath>',
        w.run('隠し', { rPr: '<w:vanish/>' }),
      ].join(''), { raw: true }),
    });
    assert.equal(r.markdown.replace(/^---[\s\S]*?---\n\n/, ''), '本文注記3\n');
    assert.deepEqual(notes(r), { images: 1, textBoxes: 1, comments: 1, footnotes: 1, fields: 1, equations: 1, hiddenText: 1 });
    for (const n of r.notes) {
      assert.match(noteText(n, 'ja'), /\d+ 件|\d+ 文字/);
      assert.match(noteText(n, 'en'), /^\d+ /);
    }
  });

  it('escapes text that Markdown would read as syntax, so no line becomes a heading, list, quote, HTML or a hidden marker', () => {
    const lines = ['# 見出しではない', '- 箇条書きではない', '> 引用ではない', '2024. 年', '<!-- covers: BL-PR-01 -->', 'a*b*c_d_ [x](y) `code` &amp;', '---'];
    const md = body({ body: lines.map((l) => w.paragraph(l)).join('') });
    assert.equal(md, [
      '\\# 見出しではない', '\\- 箇条書きではない', '\\> 引用ではない', '2024\\. 年', '\\<!-- covers: BL-PR-01 -->', 'a\\*b\\*c\\_d\\_ \\[x\\](y) \\`code\\` &amp;amp;', '\\---',
    ].join('\n\n') + '\n');
  });

  it('keeps text inside furigana (base, not reading), content controls, smart tags and wrappers it does not know', () => {
    const ruby = '<w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>こうわん</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>港湾</w:t></w:r></w:rubyBase></w:ruby></w:r>';
    const sdt = '<w:sdt><w:sdtPr><w:alias w:val="番号"/><w:placeholder><w:docPart w:val="x"/></w:placeholder></w:sdtPr><w:sdtContent><w:r><w:t>管理者</w:t></w:r></w:sdtContent></w:sdt>';
    const unknown = '<x:future xmlns:x="urn:example:future"><w:r><w:t>は</w:t></w:r></x:future><w:smartTag w:element="place"><w:r><w:t>、</w:t></w:r></w:smartTag>';
    const block = '<x:section xmlns:x="urn:example:future"><w:p><w:r><w:t>包まれた段落</w:t></w:r></w:p></x:section>';
    assert.equal(body({ body: w.paragraph(ruby + sdt + unknown, { raw: true }) + block }), '港湾管理者は、\n\n包まれた段落\n');
  });

  it('turns external hyperlinks into Markdown links and keeps line breaks inside a paragraph', () => {
    const url = 'https://csrc.nist.gov/projects/cprt/catalog#/cprt/framework/version/CSF_2_0_0/home?element=PR.AA-03';
    const md = body({ hyperlinks: [{ id: 'rIdL', url }, { id: 'rIdJ', url: 'javascript:alert(1)' }], body: w.paragraph(w.run('関連: ') + w.hyperlink('rIdL', 'PR.AA-03') + w.run('、') + w.hyperlink('rIdJ', 'リンク') + w.run('一行目\n対応: BL-PR-01'), { raw: true }) });
    assert.equal(md, `関連: [PR.AA-03](${url})、リンク一行目\n対応: BL-PR-01\n`);
  });
});

describe('docx import: files it refuses', () => {
  const refuse = (bytes: Uint8Array, options = {}) => {
    const r = docxToMarkdown(bytes, options);
    assert.equal(r.ok, false);
    return (r as Extract<DocxResult, { ok: false }>).problem;
  };
  const ole = (stream: string) => {
    const name = [...stream].flatMap((c) => [c.charCodeAt(0), 0]);
    return new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0), ...name, 0, 0]);
  };

  it('a legacy .doc, an encrypted .docx, another OLE file, a non-zip, a zip that is not Word, an Excel workbook, a damaged zip', () => {
    assert.equal(refuse(ole('WordDocument')).reason, 'legacyDoc');
    assert.equal(refuse(ole('EncryptedPackage')).reason, 'encrypted');
    assert.equal(refuse(ole('Workbook')).reason, 'otherOle');
    assert.equal(refuse(new TextEncoder().encode('# a Markdown file')).reason, 'notZip');
    assert.equal(refuse(new Uint8Array()).reason, 'notZip');
    assert.deepEqual(refuse(w.zip({ 'readme.txt': 'hello' })), { reason: 'notWord' });
    assert.deepEqual(refuse(w.zip({ '[Content_Types].xml': '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>', 'xl/workbook.xml': '<workbook/>' })), { reason: 'notWord', detail: 'excel' });
    const good = w.buildDocx({ body: w.paragraph('x') });
    assert.equal(refuse(good.slice(0, good.length - 30)).reason, 'corruptZip');
    for (const p of [refuse(ole('WordDocument')), refuse(ole('EncryptedPackage')), refuse(new Uint8Array(3)), { reason: 'notWord' as const }]) {
      for (const locale of ['ja', 'en'] as const) assert.doesNotMatch(problemText(p, locale), /\n/, 'one line');
    }
  });

  it('a zip whose parts would unpack beyond the limit, and one whose directory claims millions of entries', () => {
    const big = w.buildDocx({ body: w.paragraph('あ'.repeat(5000)) });
    assert.deepEqual(refuse(big, { maxUncompressed: 4096 }), { reason: 'tooLarge', limitMb: 0 });
    const forged = w.buildDocx({ body: w.paragraph('x') });
    const view = new DataView(forged.buffer, forged.byteOffset, forged.byteLength);
    const eocd = forged.length - 22;
    assert.equal(view.getUint32(eocd, true), 0x06054b50);
    view.setUint16(eocd + 8, 0xffff, true);
    view.setUint16(eocd + 10, 0xffff, true);
    assert.equal(refuse(forged).reason, 'corruptZip');
  });
});

describe('docx import: hostile documents', () => {
  it('5,000 numbered articles come through, each as a measure heading', () => {
    const paragraphs = Array.from({ length: 5000 }, (_, i) => w.paragraph(`条文 ${i + 1}`, { style: 'a5' }) + w.paragraph(`対応: BL-PR-0${(i % 9) + 1}`)).join('');
    const r = convert({ styles: [ARTICLE_STYLE], numbering: [w.abstractNum(0, [{ ilvl: 0, lvlText: '第%1条', suff: 'space' }]), w.num(1, 0)], body: paragraphs });
    assert.equal(r.measures.length, 5000);
    assert.equal(r.measures[4999], '第5000条');
    assert.equal(r.markdown.match(/^# 第\d+条 条文 \d+$/gm)?.length, 5000);
  });

  it('keeps text from every Unicode plane (surrogate pairs) and removes control characters with a note', () => {
    const planes = ['A', 'あ', '𝔸', '𠀋', '𰀀', '\u{E0041}', '\u{F0000}', '\u{10FFFD}', '😀'].join('');
    const r = convert({ body: w.paragraph(planes) + w.paragraph('制\u0001御\u001F文字') + w.paragraph('<w:r><w:t>参照&#x7;文字</w:t></w:r>', { raw: true }) });
    assert.equal(r.markdown.replace(/^---[\s\S]*?---\n\n/, ''), `${planes}\n\n制御文字\n\n参照文字\n`);
    assert.ok((notes(r).controlCharacters ?? 0) >= 2);
    assert.doesNotMatch(r.markdown, /[\u0000-\u0008\u000B-\u001F]/);
  });

  it('survives malformed XML, tables nested 300 deep and paragraphs without runs; says what was nested too deep to read', () => {
    let deep = w.paragraph('底');
    for (let i = 0; i < 300; i++) deep = w.table([[{ xml: deep }]]);
    const broken = w.zip({
      '[Content_Types].xml': '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      '_rels/.rels': '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
      'word/document.xml': '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>残る</w:t></w:r></w:p><w:p><w:r><w:t>壊れ</w:body>',
    });
    const r = convert(broken);
    assert.match(r.markdown, /残る/);
    assert.ok(notes(r).xmlErrors >= 1);
    const nested = convert({ body: deep + '<w:p/><w:p><w:pPr/></w:p>' });
    assert.match(nested.markdown, /底/);
    assert.equal(notes(nested).nestedTables, 1);
    let deeper = w.paragraph('奥');
    for (let i = 0; i < 400; i++) deeper = w.table([[{ xml: deeper }]]);
    const cut = convert({ body: deeper + w.paragraph('後') });
    assert.match(cut.markdown, /後/);
    assert.ok(notes(cut).tooDeep >= 1);
  });
});

describe('docx import: damaged files', () => {
  it('never throws on 300 seeded mutations of a real .docx (bytes flipped, cut, zeroed), stored or deflated', () => {
    const next = randomSource(Number(process.env.FC_SEED ?? 20261202));
    const spec = {
      styles: [ARTICLE_STYLE, w.style({ id: '1', name: '見出し 1' })],
      numbering: [w.abstractNum(0, [{ ilvl: 0, lvlText: '第%1条', suff: 'space' }]), w.num(1, 0)],
      body: w.paragraph('総則', { style: '1' }) + w.paragraph('目的', { style: 'a5' }) + w.paragraph('対応: BL-PR-01') + w.table([['a', 'b']]),
    };
    const deflated = w.buildDocx(spec);
    const stored = w.zip({ 'word/document.xml': `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${spec.body}</w:body></w:document>` });
    for (let i = 0; i < 300; i++) {
      const bytes = (i % 2 ? stored : deflated).slice();
      const edits = 1 + next(8);
      for (let e = 0; e < edits; e++) bytes[next(bytes.length)] = next(256);
      const cut = next(4) === 0 ? bytes.slice(0, next(bytes.length)) : bytes;
      const r = docxToMarkdown(cut);
      if (r.ok) assert.equal(typeof r.markdown, 'string');
      else assert.ok(problemText(r.problem, 'en').length > 0);
    }
  });
});

describe('docx import: the VS Code command', () => {
  const read = (p: string) => readFileSync(path.join(import.meta.dirname, '../..', p), 'utf8');

  it('is contributed with a title in both languages, and every text it shows has a Japanese translation', () => {
    const pkg = JSON.parse(read('package.json')) as { contributes: { commands: { command: string; title: string }[] } };
    const command = pkg.contributes.commands.find((c) => c.command === 'kijun.importDocx');
    assert.equal(command?.title, '%command.importDocx%');
    assert.match((JSON.parse(read('package.nls.json')) as Record<string, string>)['command.importDocx'], /Word/);
    assert.match((JSON.parse(read('package.nls.ja.json')) as Record<string, string>)['command.importDocx'], /Word の安全基準等を取り込む/);
    const ja = JSON.parse(read('l10n/bundle.l10n.ja.json')) as Record<string, string>;
    const texts = [...read('client/src/importDocx.ts').matchAll(/vscode\.l10n\.t\('((?:[^'\\]|\\.)*)'/g)].map((m) => m[1]);
    assert.ok(texts.length >= 10);
    for (const t of texts) assert.ok(ja[t], `no Japanese for "${t}"`);
  });
});

describe('docx import: what the checker reads of it', () => {
  it('a standard numbered by clause gets measureLabels with number, so its clauses are measures', async () => {
    const { extractFile } = await import('../../server/src/core/extract.js');
    const clauses = convert({ body: w.paragraph('2.1 アクセス制御') + w.paragraph('対応: BL-PR-01') + w.paragraph('2.2 記録') }, { sector: 'port' });
    assert.match(clauses.markdown, /^measureLabels: \[ id, article, number \]$|^measureLabels: \[id, article, number\]$/m);
    const model = extractFile('port.md', clauses.markdown).model;
    assert.deepEqual(model?.kind === 'standard' ? model.measures.map((m) => [m.id, m.covers.map((c) => c.id)]) : [], [['2.1', ['BL-PR-01']], ['2.2', []]]);
    const articles = convert({ body: w.paragraph('第1条 目的') + w.paragraph('対応: BL-PR-01') }, { sector: 'port' });
    assert.doesNotMatch(articles.markdown, /measureLabels/, 'articles are read by default');
  });
});

