// Applicability (PRODUCT.md §5.2): catalog dimensions and appliesTo, and the scope of a standard,
// an exemption and a measure, alone and together, in Markdown and YAML.
import assert from 'node:assert/strict';
import { check, codesOf, diagnosticsOf, CATALOG, RATIONALE, markdown } from '../helpers/memoryWorkspace.js';

const DIMENSIONS = `dimensions:
  system: { values: [it, ot-general, ot-dedicated], title: { ja: 重要システムの基盤, en: Platform } }
  network: { values: [open, closed], title: { ja: ネットワーク, en: Network } }
controls:
`;
/** The test catalog with two dimensions and one control that applies to open networks only. */
const SCOPED = `${CATALOG.replace('controls:\n', DIMENSIONS)}  - id: BL-DE-03
    function: DE
    level: 1
    appliesTo: { network: [open] }
    title: { ja: 外部接続点の監視, en: Monitor external connections }
    statement: { ja: 外部接続点を監視すること。, en: Monitor external connection points. }
    csf: [DE.CM-01]
`;
const OTHERS = '## EL-PR-01 認証\nCovers: BL-PR-01\n\n## EL-GV-01 経営\n対応: BL-GV-01\n\n## EL-DE-03 監視\nCovers: BL-DE-03\n';
const EXEMPT_CLOSED = `exemptions:\n  - control: BL-PR-05\n    scope: { network: [closed] }\n    rationale: ${RATIONALE}\n`;

async function run(front: string, body: string, locale: 'ja' | 'en' = 'en') {
  const { report, loaded } = await check({ 'c.yaml': SCOPED, 'el.md': markdown(front, OTHERS + body) }, { locale });
  const group = loaded.analysis.groups[0];
  return { report, group, diags: diagnosticsOf(report, 'el.md'), codes: codesOf(report), coverage: report.coverage[0] };
}

describe('applicability (scope)', () => {
  it('a control nobody scopes is met by an unscoped measure, as before', async () => {
    const { codes, coverage } = await run('', '\n## EL-PR-05 定義ファイル\nCovers: BL-PR-05\n');
    assert.deepEqual(codes, []);
    assert.equal(coverage.uncoveredScope, undefined);
    assert.deepEqual(coverage.planned, []);
  });

  describe('exemption scope', () => {
    it('exempt for closed networks only: uncovered-control names network=open', async () => {
      const { diags, coverage } = await run(EXEMPT_CLOSED, '');
      const d = diags.find((x) => x.code === 'uncovered-control' && x.control === 'BL-PR-05');
      assert.match(d?.message ?? '', /neither covered nor exempted in network=open /);
      assert.deepEqual(coverage.uncoveredScope, { 'BL-PR-05': { network: ['open'] } });
      assert.ok(coverage.uncovered.includes('BL-PR-05'));
    });

    it('exempt for closed and a measure with Scope: network=open: fully met, not covered-and-exempted', async () => {
      const { codes, coverage, group } = await run(EXEMPT_CLOSED, '\n## EL-PR-05 定義ファイル\nCovers: BL-PR-05\nScope: network=open\n');
      assert.deepEqual(codes, []);
      assert.equal(coverage.uncoveredScope, undefined);
      const c = group.controls.find((x) => x.control.id === 'BL-PR-05');
      assert.equal(c?.state, 'covered');
      assert.deepEqual(c?.cells?.map((x) => `${x.cell.network}:${x.status}`), ['open:covered', 'closed:exempted']);
    });

    it('the Japanese message names the values left', async () => {
      const { diags } = await run(EXEMPT_CLOSED, '', 'ja');
      const d = diags.find((x) => x.code === 'uncovered-control' && x.control === 'BL-PR-05');
      assert.match(d?.message ?? '', /適用範囲のうち network=open で対応も適用除外もされていません/);
    });

    it('an unscoped exemption next to a scoped measure is covered-and-exempted, with the scope to narrow it to', async () => {
      const exempt = `exemptions:\n  - control: BL-PR-05\n    rationale: ${RATIONALE}\n`;
      const { report, loaded } = await check({ 'c.yaml': SCOPED, 'el.md': markdown(exempt, `${OTHERS}\n## EL-PR-05 x\nCovers: BL-PR-05\nScope: network=open\n`) });
      const finding = loaded.analysis.findings.get('/ws/el.md')?.find((f) => f.code === 'covered-and-exempted');
      assert.deepEqual(finding?.data, { narrowTo: { network: ['closed'] } });
      assert.deepEqual(report.coverage[0].uncovered, []);
    });
  });

  describe('measure scope', () => {
    it('a measure for open networks only leaves network=closed uncovered', async () => {
      const { coverage, diags } = await run('', '\n## EL-PR-05 定義ファイル\nCovers: BL-PR-05\nScope: network=open\n');
      assert.deepEqual(coverage.uncoveredScope, { 'BL-PR-05': { network: ['closed'] } });
      assert.match(diags.find((d) => d.control === 'BL-PR-05')?.message ?? '', /in network=closed/);
    });

    it('two scoped measures together meet the control', async () => {
      const { codes } = await run('', '\n## EL-PR-05 定義ファイル\nCovers: BL-PR-05\nScope: network=open\n\n## EL-PR-06 許可リスト\nCovers: BL-PR-05\n適用範囲：network＝closed\n');
      assert.deepEqual(codes, []);
    });

    it('several dimensions: the values left are named per dimension', async () => {
      const { coverage, diags } = await run(EXEMPT_CLOSED, '\n## EL-PR-05 x\nCovers: BL-PR-05\n- **Scope:** system=it; network=open\n');
      assert.deepEqual(coverage.uncoveredScope, { 'BL-PR-05': { system: ['ot-general', 'ot-dedicated'], network: ['open'] } });
      assert.match(diags.find((d) => d.control === 'BL-PR-05')?.message ?? '', /system=ot-general,ot-dedicated; network=open/);
    });

    it('values may be separated by 、 and written in full width', async () => {
      const { codes } = await run('', '\n## EL-PR-05 x\nCovers: BL-PR-05\n適用範囲: network＝open、closed\n');
      assert.deepEqual(codes, []);
    });

    it('an unreadable Scope line is a located schema error', async () => {
      const { diags } = await run('', '\n## EL-PR-05 x\nCovers: BL-PR-05\nScope: closed networks\n');
      const d = diags.find((x) => x.code === 'schema');
      assert.match(d?.message ?? '', /Cannot read the scope "closed networks"/);
      assert.deepEqual(d?.range, { start: { line: 16, character: 7 }, end: { line: 16, character: 22 } });
    });

    it('an unknown dimension or value is reported; such a scope matches nothing', async () => {
      const { diags, coverage } = await run('', '\n## EL-PR-05 x\nCovers: BL-PR-05\nScope: netwrk=open\n\n## EL-PR-06 y\nCovers: BL-PR-05\nScope: network=closd\n');
      assert.deepEqual(diags.filter((d) => d.code === 'schema').map((d) => d.message.split(' (')[0]), [
        'Dimension netwrk is not among the dimensions of catalog jp-ci-baseline@2026.1',
        'closd is not a value of dimension network',
      ]);
      assert.ok(coverage.uncovered.includes('BL-PR-05'));
    });
  });

  describe('control appliesTo and standard scope', () => {
    it('a control for open networks is not required of a standard scoped to closed networks', async () => {
      const closed = await run('scope: { network: [closed] }\n', '\n## EL-PR-05 x\nCovers: BL-PR-05\n');
      assert.ok(!closed.group.controls.some((c) => c.control.id === 'BL-DE-03'));
      const all = await run('', '\n## EL-PR-05 x\nCovers: BL-PR-05\n');
      assert.equal(all.coverage.required, closed.coverage.required + 1);
    });

    it('a control for open networks is met by a measure for open networks', async () => {
      const body = OTHERS.replace('Covers: BL-DE-03\n', 'Covers: BL-DE-03\nScope: network=open\n');
      const { report } = await check({ 'c.yaml': SCOPED, 'el.md': markdown('', `${body}\n## EL-PR-05 x\nCovers: BL-PR-05\n`) });
      assert.deepEqual(codesOf(report), []);
    });

    it('a measure scoped outside the control\'s appliesTo covers nothing of it', async () => {
      const body = OTHERS.replace('Covers: BL-DE-03\n', 'Covers: BL-DE-03\nScope: network=closed\n');
      const { report } = await check({ 'c.yaml': SCOPED, 'el.md': markdown('', `${body}\n## EL-PR-05 x\nCovers: BL-PR-05\n`) });
      assert.deepEqual(report.coverage[0].uncovered, ['BL-DE-03']);
      assert.equal(report.coverage[0].uncoveredScope, undefined, 'uncovered in all of its scope, not in part');
    });

    it('a standard scoped to closed networks needs nothing for open ones', async () => {
      const { codes } = await run(`scope: { network: [closed] }\n${EXEMPT_CLOSED}`, '');
      assert.deepEqual(codes, []);
    });

    it('the standard scope keeps the values any of its files keeps', async () => {
      const it1 = markdown('scope: { system: [it] }\n', `${OTHERS}\n## EL-PR-05 x\nCovers: BL-PR-05\nScope: system=it\n`);
      const ot = markdown('scope: { system: [ot-dedicated] }\n', '## EL-PR-50 y\nCovers: BL-PR-05\nScope: system=ot-dedicated\n');
      const { report } = await check({ 'c.yaml': SCOPED, 'el.md': it1, 'el2.md': ot });
      assert.deepEqual(codesOf(report), []);
      const { report: gap } = await check({ 'c.yaml': SCOPED, 'el.md': it1, 'el2.md': ot.replace('Scope: system=ot-dedicated\n', 'Scope: system=it\n') });
      assert.deepEqual(gap.coverage[0].uncoveredScope, { 'BL-PR-05': { system: ['ot-dedicated'] } });
    });

    it('an appliesTo naming an unknown dimension value is reported in the catalog', async () => {
      const bad = SCOPED.replace('appliesTo: { network: [open] }', 'appliesTo: { network: [opne] }');
      const { report } = await check({ 'c.yaml': bad, 'el.md': markdown('', OTHERS) });
      assert.match(diagnosticsOf(report, 'c.yaml').find((d) => d.code === 'schema')?.message ?? '', /opne is not a value of dimension network/);
    });
  });

  it('all four together: control appliesTo, standard scope, exemption scope and measure scope', async () => {
    // BL-DE-03 applies to open networks; the standard covers IT and general-purpose OT; the exemption
    // takes general-purpose OT out; the measure covers IT. Every cell the control shares with the scope is met.
    const front = 'scope: { system: [it, ot-general] }\nexemptions:\n  - control: BL-DE-03\n    scope: { system: [ot-general], network: [open, closed] }\n    rationale: ' + RATIONALE + '\n';
    const body = OTHERS.replace('Covers: BL-DE-03\n', 'Covers: BL-DE-03\nScope: system=it\n') + '\n## EL-PR-05 x\nCovers: BL-PR-05\n';
    const { report, loaded } = await check({ 'c.yaml': SCOPED, 'el.md': markdown(front, body) });
    assert.deepEqual(codesOf(report), []);
    const c = loaded.analysis.groups[0].controls.find((x) => x.control.id === 'BL-DE-03');
    assert.deepEqual(c?.cells?.map((x) => `${x.cell.system}/${x.cell.network}:${x.status}`), ['it/open:covered', 'ot-general/open:exempted']);
    const without = body.replace('Scope: system=it\n', 'Scope: system=ot-dedicated\n');
    const { report: gap } = await check({ 'c.yaml': SCOPED, 'el.md': markdown(front, without) });
    assert.deepEqual(gap.coverage[0].uncoveredScope, { 'BL-DE-03': { system: ['it'] } }, 'ot-dedicated is outside the standard; it is what is left');
  });

  it('control appliesTo with an exemption scoped to where the control does not apply exempts nothing', async () => {
    const front = `exemptions:\n  - control: BL-DE-03\n    scope: { network: [closed] }\n    rationale: ${RATIONALE}\n`;
    const body = OTHERS.replace('Covers: BL-DE-03\n', '') + '\n## EL-PR-05 x\nCovers: BL-PR-05\n';
    const { report } = await check({ 'c.yaml': SCOPED, 'el.md': markdown(front, body) });
    assert.deepEqual(report.coverage[0].uncovered, ['BL-DE-03']);
    assert.equal(report.coverage[0].uncoveredScope, undefined);
  });

  it('YAML standards: standard, exemption and measure scopes', async () => {
    const yaml = `kind: standard
sector: finance
baseline: jp-ci-baseline@2026.1
scope: { system: [it] }
exemptions:
  - control: BL-PR-05
    scope: { network: [closed] }
    rationale: ${RATIONALE}
measures:
  - id: FN-PR-01
    covers: [BL-PR-01, BL-GV-01, BL-DE-03]
    text: 多要素認証を用いなければならない。
  - id: FN-PR-05
    covers: [BL-PR-05]
    scope: { network: [open] }
    text: 定義ファイルを更新しなければならない。
`;
    const { report } = await check({ 'c.yaml': SCOPED, 'fn.yaml': yaml });
    assert.deepEqual(codesOf(report), []);
    const { report: gap } = await check({ 'c.yaml': SCOPED, 'fn.yaml': yaml.replace('scope: { network: [open] }', 'scope: { network: [closed] }') });
    assert.deepEqual(gap.coverage[0].uncoveredScope, { 'BL-PR-05': { network: ['open'] } });
  });

  it('a hostile catalog of many dimensions: 4^16 combinations are never enumerated; a finding on the catalog', async () => {
    const dims = Array.from({ length: 16 }, (_, i) => `  d${i}: { values: [a, b, c, d] }`).join('\n');
    const catalog = CATALOG.replace('controls:\n', `dimensions:\n${dims}\ncontrols:\n`);
    const scope = Array.from({ length: 16 }, (_, i) => `d${i}=a,b,c`).join('; ');
    const { report } = await check({ 'c.yaml': catalog, 'el.md': markdown('', `## EL-PR-01 x\nCovers: BL-PR-01, BL-PR-05, BL-GV-01\nScope: ${scope}\n`) });
    assert.match(diagnosticsOf(report, 'c.yaml').find((d) => d.code === 'schema')?.message ?? '', /more than 4096 combinations/);
    assert.deepEqual(report.coverage[0].uncovered, ['BL-GV-01', 'BL-PR-01', 'BL-PR-05'], 'scoped measures are not counted: never over-counts');
  });

  it('a catalog without dimensions: a scoped measure names an unknown dimension and covers nothing', async () => {
    const { report } = await check({ 'c.yaml': CATALOG, 'el.md': markdown('', '## EL-PR-01 x\nCovers: BL-PR-01, BL-PR-05, BL-GV-01\nScope: network=open\n') });
    assert.ok(codesOf(report).includes('schema'));
    assert.deepEqual(report.coverage[0].uncovered, ['BL-GV-01', 'BL-PR-01', 'BL-PR-05']);
  });
});
