import assert from 'node:assert/strict';
import { strengthOf } from '../../server/src/core/strength.js';
import { check, diagnosticsOf, CATALOG, markdown } from '../helpers/memoryWorkspace.js';
import { extractFile } from '../../server/src/core/extract.js';
import { analyzeWorkspace } from '../../server/src/core/analyze.js';
import { diffCatalogs, sectorImpact } from '../../server/src/core/diff.js';

const COVER_ALL = '## EL-PR-01 認証\nCovers: BL-PR-01, BL-PR-05\n\n## EL-GV-01 経営\n対応: BL-GV-01\n';

describe('normative strength', () => {
  const cases: [string, string, 'required' | 'recommended'][] = [
    ['〜しなければならない', '事業者は多要素認証を用いなければならない。', 'required'],
    ['〜すること', '遠隔アクセスには多要素認証を用いること。', 'required'],
    ['〜ものとする', '経営層が責任を負うものとする。', 'required'],
    ['〜が望ましい', '多要素認証を用いることが望ましい。', 'recommended'],
    ['〜するよう努める', 'パスキーを導入するよう努める。', 'recommended'],
    ['effort duty phrased as obligation', 'パスキーを導入するよう努めなければならない。', 'recommended'],
    ['推奨', 'フィッシング耐性のある方式を推奨する。', 'recommended'],
    ['English shall', 'The operator shall use MFA.', 'required'],
    ['English should', 'The operator should use MFA.', 'recommended'],
    ['obligation plus recommendation', '多要素認証を用いなければならない。パスキーが望ましい。', 'required'],
    ['nothing decides: required by default', '多要素認証の概要。', 'required'],
  ];
  for (const [name, text, expected] of cases) {
    it(`${name} → ${expected}`, () => assert.equal(strengthOf(text).strength, expected));
  }

  it('a declared strength wins over the wording', () => {
    const info = strengthOf('Strength: recommended\n多要素認証を用いなければならない。');
    assert.deepEqual([info.strength, info.source], ['recommended', 'declared']);
    assert.equal(strengthOf('強度：必須\n望ましい。').strength, 'required');
  });

  it('weak-coverage: a required control covered only by recommended measures, counted apart', async () => {
    const body = '## EL-PR-01 認証\nCovers: BL-PR-01\n多要素認証を用いることが望ましい。\n\n## EL-PR-02 対策\nCovers: BL-PR-05\n定義ファイルを更新しなければならない。\n\n## EL-GV-01 経営\n対応: BL-GV-01\n';
    const { report } = await check({ 'c.yaml': CATALOG, 'el.md': markdown('', body) });
    const weak = diagnosticsOf(report, 'el.md').filter((d) => d.code === 'weak-coverage');
    assert.deepEqual(weak.map((d) => [d.control, d.severity, d.range.start.line]), [['BL-PR-01', 'warning', 6]]);
    assert.deepEqual(report.coverage[0].weak, ['BL-PR-01']);
    assert.equal(report.coverage[0].covered, 3);
  });

  it('reads strength: from YAML measures', () => {
    const yaml = 'kind: standard\nsector: finance\nbaseline: b\nmeasures:\n  - id: FN-PR-01\n    strength: recommended\n    text: 用いなければならない。\n  - id: FN-PR-02\n    text: 用いることが望ましい。\n';
    const model = extractFile('f.yaml', yaml).model;
    assert.equal(model?.kind, 'standard');
    if (model?.kind !== 'standard') return;
    assert.deepEqual(model.measures.map((m) => [m.strength.strength, m.strength.source]), [['recommended', 'declared'], ['recommended', 'wording']]);
  });
});

describe('the CSF bottom line', () => {
  it('lists CSF 2.0 subcategories no live control maps to, as info on the catalog', async () => {
    const { report } = await check({ 'c.yaml': CATALOG, 'el.md': markdown('', COVER_ALL) });
    const gap = diagnosticsOf(report, 'c.yaml').find((d) => d.code === 'csf-gap');
    assert.equal(gap?.severity, 'info');
    assert.match(gap!.message, /does not yet map 102 of the 106 NIST CSF 2\.0 subcategories: GV\.OC-01, /);
    assert.doesNotMatch(gap!.message, /PR\.AA-03|PR\.PS-05|GV\.RR-01|RC\.RP-01,/);
  });

  it('counts a category mapping as reaching its subcategories', async () => {
    const { report } = await check({ 'c.yaml': CATALOG.replace('csf: [RC.RP-01]', 'csf: [RC.RP]'), 'el.md': markdown('', COVER_ALL) });
    const gap = diagnosticsOf(report, 'c.yaml').find((d) => d.code === 'csf-gap');
    assert.doesNotMatch(gap!.message, /RC\.RP-0/);
  });

  it('warns on a control with no CSF mapping', async () => {
    const { report } = await check({ 'c.yaml': CATALOG.replace('csf: [GV.RR-01]', 'csf: []'), 'el.md': markdown('', COVER_ALL) });
    assert.deepEqual(diagnosticsOf(report, 'c.yaml').filter((d) => d.code === 'control-without-csf').map((d) => d.control), ['BL-GV-01']);
  });
});

describe('sectors', () => {
  it('warns on an unknown sector id with the nearest known one', async () => {
    const { report } = await check({ 'c.yaml': CATALOG, 'el.md': markdown('', COVER_ALL).replace('sector: electricity', 'sector: electricty') });
    const d = diagnosticsOf(report, 'el.md');
    assert.deepEqual(d.map((x) => [x.code, x.severity]), [['unknown-sector', 'warning']]);
    assert.match(d[0].message, /Did you mean electricity\?/);
  });

  it('accepts sectors added in kijun.yaml (a 16th sector)', async () => {
    const config = 'catalogs: [c.yaml]\nstandards: ["*.md"]\nsectors:\n  - id: space\n    name: { ja: 宇宙, en: Space systems }\n';
    const { report } = await check({ 'kijun.yaml': config, 'c.yaml': CATALOG, 'el.md': markdown('', COVER_ALL).replace('sector: electricity', 'sector: space') });
    assert.deepEqual(diagnosticsOf(report, 'el.md'), []);
  });
});

describe('second floor', () => {
  it('keeps measures that cover no baseline control as sector-specific, without findings', async () => {
    const { loaded, report } = await check({ 'c.yaml': CATALOG, 'el.md': markdown('', `${COVER_ALL}\n## EL-PR-50 需給制御システム固有の対策\n本文。\n`) });
    assert.deepEqual(diagnosticsOf(report, 'el.md'), []);
    assert.deepEqual(loaded.analysis.groups[0].sectorSpecific.map((m) => m.measure.id), ['EL-PR-50']);
  });
});

const NEWER = CATALOG.replace('version: "2026.1"', 'version: "2027.1"')
  .replace('    level: 2\n', '    level: 1\n')
  .replace('csf: [GV.RR-01]', 'csf: [GV.RR-01, GV.RR-02]')
  .replace('Keep malware definitions current.', 'Keep malware protection current, or use allow-listing.')
  + '  - id: BL-DE-01\n    function: DE\n    level: 1\n    title: { ja: 継続的監視, en: Continuous monitoring }\n    statement: { en: Monitor. }\n    csf: [DE.CM-01]\n';

describe('baseline upgrades', () => {
  it('diffs two catalog versions and tells a sector what to add and revisit', () => {
    const files = [extractFile('old.yaml', CATALOG, 'catalog'), extractFile('new.yaml', NEWER, 'catalog'), extractFile('el.md', markdown('', COVER_ALL))];
    const analysis = analyzeWorkspace(files, { exemptionRationaleMinLength: 20, today: '2026-11-24' });
    const from = analysis.catalogs.get('jp-ci-baseline@2026.1')!;
    const to = analysis.catalogs.get('jp-ci-baseline@2027.1')!;
    const diff = diffCatalogs(from, to);
    assert.deepEqual(diff.changes.map((c) => `${c.id} ${c.kind}`).sort(), ['BL-DE-01 added', 'BL-GV-01 remapped', 'BL-PR-05 reworded', 'BL-RC-02 relevelled']);
  });

  it('flags a standard pinned to an older version, with the impact, and offers to move the pin', async () => {
    const { report } = await check({ 'old.yaml': CATALOG, 'new.yaml': NEWER, 'el.md': markdown('', COVER_ALL) });
    const d = diagnosticsOf(report, 'el.md').find((x) => x.code === 'outdated-baseline');
    assert.equal(d?.severity, 'info');
    assert.match(d!.message, /jp-ci-baseline@2027\.1 is loaded \(added 1, withdrawn 0, re-levelled 1, re-mapped 1, reworded 1\)\. Moving to it, this sector must add: BL-DE-01, BL-RC-02; and revisit: BL-GV-01, BL-PR-05\./);
  });

  it('computes the same impact from the diff module', () => {
    const files = [extractFile('old.yaml', CATALOG, 'catalog'), extractFile('new.yaml', NEWER, 'catalog'), extractFile('el.md', markdown('', COVER_ALL))];
    const analysis = analyzeWorkspace(files, { exemptionRationaleMinLength: 20, today: '2026-11-24' });
    const from = analysis.catalogs.get('jp-ci-baseline@2026.1')!;
    const to = analysis.catalogs.get('jp-ci-baseline@2027.1')!;
    const impact = sectorImpact(analysis.groups[0], diffCatalogs(from, to), to);
    assert.deepEqual(impact.mustAdd, ['BL-DE-01', 'BL-RC-02']);
    assert.deepEqual(impact.revisit.map((r) => r.id).sort(), ['BL-GV-01', 'BL-PR-05']);
  });
});
