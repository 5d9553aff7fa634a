// Measure labels and coverage markers as PRODUCT.md §5.1 reads them (issues "Trustworthy
// results" and "Bring real standards in").
import assert from 'node:assert/strict';
import { extractFile } from '../../server/src/core/extract.js';
import type { FileAnalysis, StandardModel } from '../../server/src/core/model.js';
import { LineIndex } from '../../server/src/core/text.js';
import { matchLabel, mayBacktrack, nextLabel, parseLabelForms, kanjiToNumber, numberToKanji, DEFAULT_LABEL_FORMS } from '../../server/src/core/labels.js';
import { check, codesOf, diagnosticsOf, CATALOG, RATIONALE, markdown } from '../helpers/memoryWorkspace.js';
import type { CodeAction, TextEdit } from 'vscode-languageserver-types';
import { toDiagnostics } from '../../server/src/core/diagnostics.js';
import { toLspDiagnostic } from '../../server/src/core/services/lspDiagnostics.js';
import { codeActions } from '../../server/src/core/services/codeActions.js';

function analyse(text: string, path = 'a.md', measureLabels?: string[]): FileAnalysis {
  return extractFile(path, text, undefined, undefined, { measureLabels });
}

function model(text: string, path = 'a.md', measureLabels?: string[]): StandardModel {
  return analyse(text, path, measureLabels).model as StandardModel;
}

function textAt(text: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
}

const labelOf = (heading: string, forms = DEFAULT_LABEL_FORMS) => matchLabel(heading, forms)?.label;
const forms = (...values: string[]) => parseLabelForms(values).forms;

describe('measure labels', () => {
  it('reads an id whole, never a shorter id before a character that cannot continue it', () => {
    assert.equal(labelOf('EL-PR-01の運用'), 'EL-PR-01');
    assert.equal(labelOf('EL-PR-01 遠隔アクセス'), 'EL-PR-01');
    assert.equal(labelOf('EL-PR-01: x'), 'EL-PR-01');
    assert.equal(labelOf('EL-GV-02a 追加'), undefined);
    assert.equal(labelOf('EL-GV-02A'), 'EL-GV-02A');
    assert.equal(labelOf('ＥＬ－ＰＲ－０１ 全角'), 'EL-PR-01');
  });

  it('reads articles in Arabic digits of either width and in kanji numerals', () => {
    assert.equal(labelOf('第5条 アクセス制御'), '第5条');
    assert.equal(labelOf('第５条 アクセス制御'), '第5条');
    assert.equal(labelOf('第十二条'), '第十二条');
    assert.equal(labelOf('第3条の2 追加'), '第3条の2');
    assert.equal(labelOf('第3条の二'), '第3条の二');
    assert.equal(labelOf('第3条のアクセス'), '第3条');
    assert.equal(labelOf('第X条 不明'), undefined);
    assert.equal(labelOf('第条'), undefined);
  });

  it('reads clause numbers only when number is configured, keeping circled sub-numbers as written', () => {
    const number = forms('number');
    assert.equal(labelOf('2.1.1 アクセス', number), '2.1.1');
    assert.equal(labelOf('2.1.1⑤ アクセス', number), '2.1.1⑤');
    assert.equal(labelOf('2.1.1(5) アクセス', number), '2.1.1(5)');
    assert.equal(labelOf('２．１．１（５） 全角', number), '2.1.1(5)');
    assert.equal(labelOf('1. はじめに', number), '1');
    assert.equal(labelOf('3', number), '3');
    assert.equal(labelOf('1..2 x', number), undefined);
    assert.equal(labelOf('2024年度', number), undefined);
    assert.equal(labelOf('2.1.1 アクセス'), undefined, 'number is not a default form');
  });

  it('reads an author pattern: the first group, or the whole match, at the start of the heading', () => {
    assert.equal(labelOf('Art. 7 Access', forms('Art\\. (\\d+)')), '7');
    assert.equal(labelOf('要件A-3 x', forms('要件[A-Z]-\\d+')), '要件A-3');
    assert.equal(labelOf('x 要件A-3', forms('要件[A-Z]-\\d+')), undefined);
  });

  it('refuses author patterns that do not compile, match empty text or may backtrack', () => {
    const { forms: kept, problems } = parseLabelForms(['id', '([', '\\d*', '(a+)+$', '(?:x|y)*', '第(\\d+)条']);
    assert.deepEqual(problems.map((p) => [p.index, p.message]), [
      [1, 'labelPatternInvalid'], [2, 'labelPatternEmpty'], [3, 'labelPatternBacktracks'], [4, 'labelPatternBacktracks'],
    ]);
    assert.equal(kept.length, 2);
    assert.equal(mayBacktrack('[(+]+x'), false, 'a class is not a group');
    assert.equal(mayBacktrack('(\\d+)\\.'), false);
  });

  it('continues the standard\'s own numbering for a new measure', () => {
    assert.equal(nextLabel(['第1条', '第12条']), '第13条');
    assert.equal(nextLabel(['第十一条', '第十二条']), '第十三条');
    assert.equal(nextLabel(['2.1', '2.3']), '2.4');
    assert.equal(nextLabel(['2.3', '2.4']), '2.5');
    assert.equal(nextLabel(['第1条', '第2条', '第3条'].concat(['第4条'])), '第5条');
    assert.equal(nextLabel(['EL-PR-01']), undefined, 'ids are made from the control, not continued');
    assert.deepEqual([12, 20, 103, 1999].map((n) => kanjiToNumber(numberToKanji(n))), [12, 20, 103, 1999]);
  });
});

describe('Markdown standards with labels', () => {
  it('makes article headings measures, with the label as id and its exact range', () => {
    const text = markdown('', '# 港湾分野\n## 第５条 アクセス制御\n対応: BL-PR-01\n## 第十二条　記録\n対応：BL-PR-05\n## EL-PR-01の運用\nCovers: BL-GV-01\n');
    const m = model(text);
    assert.deepEqual(m.measures.map((x) => [x.id, x.title, x.covers.map((c) => c.id)]), [
      ['第5条', 'アクセス制御', ['BL-PR-01']],
      ['第十二条', '記録', ['BL-PR-05']],
      ['EL-PR-01', 'の運用', ['BL-GV-01']],
    ]);
    assert.equal(textAt(text, m.measures[0].range), '第５条');
    assert.equal(textAt(text, m.measures[2].range), 'EL-PR-01');
  });

  it('takes measureLabels from the front matter over the workspace setting', () => {
    const text = markdown('measureLabels: [number]\n', '## 2.1.1⑤ 多要素認証\n対応: BL-PR-01\n## 第5条 x\n対応: BL-PR-05\n');
    const m = model(text, 'a.md', ['article']);
    assert.deepEqual(m.measures.map((x) => x.id), ['2.1.1⑤']);
    const viaConfig = model(markdown('', '## 2.1 x\n対応: BL-PR-01\n'), 'a.md', ['number']);
    assert.deepEqual(viaConfig.measures.map((x) => x.id), ['2.1']);
  });

  it('reports a front matter pattern that cannot be used, located at the pattern', () => {
    const text = markdown('measureLabels: [id, "(a+)+"]\n', '## EL-PR-01 x\n');
    const finding = analyse(text).findings.find((f) => f.message === 'labelPatternBacktracks');
    assert.ok(finding);
    assert.equal(textAt(text, finding.range), '"(a+)+"');
  });

  it('a heading in a block quote or list item is not a measure, and its markers cover nothing', () => {
    const text = markdown('', '## EL-PR-01 本物\n対応: BL-PR-01\n\n> ## EL-PR-09 引用\n> 対応: BL-PR-02\n\n- ## EL-PR-08 リスト\n  対応: BL-PR-05\n\n対応: BL-GV-01\n');
    const a = analyse(text);
    const m = a.model as StandardModel;
    assert.deepEqual(m.measures.map((x) => [x.id, x.covers.map((c) => c.id)]), [['EL-PR-01', ['BL-PR-01', 'BL-GV-01']]]);
    const orphans = a.findings.filter((f) => f.code === 'orphan-marker');
    assert.deepEqual(orphans.map((f) => [f.message, f.range.start.line]), [['orphanMarkerNested', 12]]);
  });

  it('does not count a marker in a multi-line HTML comment, a raw HTML block or code', () => {
    const text = markdown('', '## EL-PR-01 x\n<!--\n下書き\nCovers: BL-PR-02\n-->\n<pre>\nCovers: BL-PR-05\n</pre>\n\n```\nCovers: BL-GV-01\n```\n<!-- covers: BL-PR-01 -->\n');
    assert.deepEqual(model(text).measures[0].covers.map((c) => c.id), ['BL-PR-01']);
  });

  it('reads full-width ids, the separators Japanese authors type, and ignores zero-width characters', () => {
    const text = markdown('', '## 第1条 x\n対応：ＢＬ－ＰＲ－０１・BL-GV-01／BL-PR-05\nCovers: BL-RC-02\u200b, BL-PR-09\u200b\n');
    const a = analyse(text);
    const covers = (a.model as StandardModel).measures[0].covers;
    assert.deepEqual(covers.map((c) => c.id), ['BL-PR-01', 'BL-GV-01', 'BL-PR-05', 'BL-RC-02', 'BL-PR-09']);
    assert.equal(textAt(text, covers[0].range), 'ＢＬ－ＰＲ－０１');
    assert.equal(textAt(text, covers[3].range), 'BL-RC-02');
    assert.deepEqual(a.findings.filter((f) => f.code === 'marker-syntax'), []);
  });

  it('reports every token that is not a control id at the token, with the id it was meant to be', () => {
    const text = markdown('', '## 第1条 x\n対応: BLーPRー01、BL-PR-02(一部) BL-GV-01\n');
    const a = analyse(text);
    const problems = a.findings.filter((f) => f.code === 'marker-syntax');
    assert.deepEqual(problems.map((f) => [textAt(text, f.range), f.data?.replacement]), [['BLーPRー01', 'BL-PR-01'], ['BL-PR-02(一部)', undefined]]);
    assert.deepEqual((a.model as StandardModel).measures[0].covers.map((c) => c.id), ['BL-GV-01']);
  });

  it('reports a marker before the first measure or under a heading without a label', () => {
    const text = markdown('', '対応: BL-PR-01\n# 前文\n## アクセス制御\n対応: BL-PR-05\n## 第2条 x\n対応: BL-GV-01\n');
    const a = analyse(text);
    const orphans = a.findings.filter((f) => f.code === 'orphan-marker');
    assert.deepEqual(orphans.map((f) => [f.range.start.line, (f.args as Record<string, unknown> | undefined)?.ids]), [[5, 'BL-PR-01'], [8, 'BL-PR-05']]);
    assert.deepEqual(orphans[1].data, { headingLine: 7, labelAt: 3 });
  });

  it('reports each of 150,000 orphan markers (2.7 MB) rather than overflowing the stack', () => {
    const a = analyse(markdown('', `# 前文\n${'対応: BL-PR-01\n'.repeat(150_000)}`));
    assert.equal(a.findings.filter((f) => f.code === 'orphan-marker').length, 150_000);
  });

  it('reads an unclosed comment of covers markers once (linear), crediting nothing', () => {
    const text = markdown('', `## 第1条 x\n${'<!-- covers: BL-PR-01 '.repeat(20_000)}\n`);
    assert.deepEqual(model(text).measures[0].covers, []);
  });
});

describe('YAML standards with labels', () => {
  const yaml = (measures: string, extra = '') => `kind: standard\nsector: finance\nbaseline: jp-ci-baseline@2026.1\n${extra}measures:\n${measures}`;

  it('takes a label as a measure id, width-folded, and reports an id that is no label', () => {
    const a = analyse(yaml('  - id: 第５条\n    covers: [ＢＬ－ＰＲ－０１]\n  - id: free text\n'), 'f.yaml');
    const m = a.model as StandardModel;
    assert.deepEqual(m.measures.map((x) => [x.id, x.covers.map((c) => c.id)]), [['第5条', ['BL-PR-01']], ['free text', []]]);
    assert.deepEqual(a.findings.filter((f) => f.message === 'measureIdNotLabel').map((f) => f.args?.id), ['free text']);
  });
});

describe('labels across the workspace', () => {
  const files = (standard: string) => ({ 'catalog.yaml': CATALOG, 'port.md': standard });

  it('an article is a measure id in coverage, compensating and duplicate-id', async () => {
    const std = markdown(
      `exemptions:\n  - control: BL-PR-05\n    rationale: ${RATIONALE}\n    compensating: [第３条]\n`,
      '## 第1条 x\n対応: BL-PR-01\n## 第2条 y\n対応: BL-GV-01\n## 第3条 z\n## 第3条 重複\n',
    );
    const { report } = await check(files(std));
    assert.deepEqual(codesOf(report, 'port.md'), ['duplicate-id']);
    const coverage = report.coverage.find((c) => c.sector === 'electricity');
    assert.deepEqual(coverage?.uncovered, []);
  });

  it('a truncated-looking heading no longer collides or breaks an exemption', async () => {
    const std = markdown(
      `exemptions:\n  - control: BL-PR-05\n    rationale: ${RATIONALE}\n    compensating: [EL-PR-01]\n`,
      '## EL-PR-01の運用\n対応: BL-PR-01\n## EL-GV-01の体制\n対応: BL-GV-01\n## EL-GV-02の体制\n',
    );
    const { report } = await check(files(std));
    assert.deepEqual(codesOf(report, 'port.md'), []);
  });

  it('a marker that covers nothing shows where, and the control stays uncovered', async () => {
    const std = markdown('', '## 第1条 x\n対応: BL-PR-01、BL-GV-01\n## アクセス制御\n対応: BL-PR-05\n');
    const { report } = await check(files(std));
    assert.deepEqual(codesOf(report, 'port.md'), ['orphan-marker', 'uncovered-control']);
    const orphan = diagnosticsOf(report, 'port.md').find((d) => d.code === 'orphan-marker');
    assert.match(orphan?.message ?? '', /BL-PR-05/);
    assert.equal(orphan?.severity, 'warning');
  });

  it('a bad measureLabels pattern in kijun.yaml is a located schema finding, not a crash', async () => {
    const { loaded } = await check({ ...files(markdown('', '## 第1条 x\n')), 'kijun.yaml': 'measureLabels: [article, "(\\\\d+)+"]\n' });
    const finding = loaded.configFindings.find((f) => f.message === 'labelPatternBacktracks');
    assert.equal(finding?.range.start.line, 0);
  });
});

describe('quick-fixes for labels and markers', () => {
  const apply = (text: string, edit: TextEdit): string => {
    const lines = new LineIndex(text);
    return text.slice(0, lines.offsetAt(edit.range.start)) + edit.newText + text.slice(lines.offsetAt(edit.range.end));
  };
  async function fixes(std: string, code: string): Promise<{ text: string; actions: CodeAction[] }> {
    const { loaded } = await check({ 'catalog.yaml': CATALOG, 'port.md': std });
    const path = '/ws/port.md';
    const diagnostics = toDiagnostics(loaded.analysis.findings.get(path) ?? [], { locale: 'en', rules: loaded.config.rules, docsBase: 'file:///docs/' }).map(toLspDiagnostic);
    const ctx = { analysis: loaded.analysis, locale: 'en' as const, toUri: (p: string) => `file://${p}`, today: '2026-11-24' };
    const actions = codeActions(ctx, path, std, diagnostics.filter((d) => d.code === code));
    return { text: std, actions };
  }
  const edited = (text: string, action: CodeAction) => apply(text, Object.values(action.edit?.changes ?? {})[0][0]);

  it('an uncovered control gets a measure with the standard\'s next article, keeping every character', async () => {
    const std = markdown('', '## 第1条 x\n対応: BL-PR-01\n## 第12条 y\n対応: BL-GV-01\n');
    const { text, actions } = await fixes(std, 'uncovered-control');
    const add = actions.find((a) => a.title.includes('BL-PR-05'));
    assert.ok(add);
    const after = edited(text, add);
    assert.ok(after.startsWith(text), 'the author\'s text is kept as it was');
    assert.match(after.slice(text.length), /^\n## 第13条 /);
    const { report } = await check({ 'catalog.yaml': CATALOG, 'port.md': after });
    assert.deepEqual(codesOf(report, 'port.md'), []);
  });

  it('a marker token with dash-like characters is replaced by the control id it is', async () => {
    const std = markdown('', '## 第1条 x\n対応: BLーPRー01、BL-PR-05、BL-GV-01\n');
    const { text, actions } = await fixes(std, 'marker-syntax');
    assert.equal(actions.length, 1);
    const after = edited(text, actions[0]);
    assert.equal(after, text.replace('BLーPRー01', 'BL-PR-01'));
    const { report } = await check({ 'catalog.yaml': CATALOG, 'port.md': after });
    assert.deepEqual(codesOf(report, 'port.md'), []);
  });

  it('an orphan marker under a heading without a label gets the next label on that heading', async () => {
    const std = markdown('', '## 第1条 x\n対応: BL-PR-01、BL-GV-01\n## 定義ファイル\n対応: BL-PR-05\n');
    const { text, actions } = await fixes(std, 'orphan-marker');
    assert.equal(actions.length, 1);
    const after = edited(text, actions[0]);
    assert.equal(after, text.replace('## 定義ファイル', '## 第2条 定義ファイル'));
    const { report } = await check({ 'catalog.yaml': CATALOG, 'port.md': after });
    assert.deepEqual(codesOf(report, 'port.md'), []);
  });

  it('offers no label for an orphan in a list item (the heading there cannot become a measure)', async () => {
    const std = markdown('', '## 第1条 x\n対応: BL-PR-01、BL-GV-01\n\n- ## 定義\n  対応: BL-PR-05\n');
    const { actions } = await fixes(std, 'orphan-marker');
    assert.deepEqual(actions, []);
  });
});
