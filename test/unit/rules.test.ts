import assert from 'node:assert/strict';
import { check, codesOf, diagnosticsOf, CATALOG, RATIONALE, markdown } from '../helpers/memoryWorkspace.js';

const COVER_ALL = '## EL-PR-01 認証\nCovers: BL-PR-01, BL-PR-05\n\n## EL-GV-01 経営\n対応: BL-GV-01\n';

async function codes(standard: string, extra: Record<string, string> = {}, today?: string): Promise<string[]> {
  const { report } = await check({ 'baseline/c.yaml': CATALOG, 'std/el.md': standard, ...extra }, { today });
  return codesOf(report);
}

describe('rules', () => {
  it('a standard covering every required control has no findings', async () => {
    assert.deepEqual(await codes(markdown('level: 1\n', COVER_ALL)), []);
  });

  describe('uncovered-control', () => {
    it('reports each required control that no measure covers, at the baseline value', async () => {
      const { report } = await check({ 'c.yaml': CATALOG, 'el.md': markdown('', '## EL-PR-01 x\nCovers: BL-PR-01\n') });
      const found = diagnosticsOf(report, 'el.md').filter((d) => d.code === 'uncovered-control');
      assert.deepEqual(found.map((d) => d.control), ['BL-PR-05', 'BL-GV-01']);
      assert.deepEqual(found[0].range, { start: { line: 3, character: 10 }, end: { line: 3, character: 31 } });
      assert.deepEqual(report.coverage[0].uncovered, ['BL-GV-01', 'BL-PR-05']);
    });

    it('requires level-2 controls only from level-2 standards', async () => {
      assert.ok(!(await codes(markdown('level: 1\n', COVER_ALL))).includes('uncovered-control'));
      const { report } = await check({ 'c.yaml': CATALOG, 'el.md': markdown('level: 2\n', COVER_ALL) });
      assert.deepEqual(report.coverage[0].uncovered, ['BL-RC-02']);
      assert.equal(report.coverage[0].required, 4);
    });

    it('never requires a withdrawn control', async () => {
      const { report } = await check({ 'c.yaml': CATALOG, 'el.md': markdown('', COVER_ALL) });
      assert.ok(!report.coverage[0].uncovered.includes('BL-PR-09'));
      assert.equal(report.coverage[0].required, 3);
    });
  });

  describe('unknown-control', () => {
    it('flags an id not in the catalog, in markers, exemptions and YAML covers, with the nearest id', async () => {
      const { report } = await check({
        'c.yaml': CATALOG,
        'el.md': markdown(`exemptions:\n  - control: BL-ZZ-99\n    rationale: ${RATIONALE}\n`, `${COVER_ALL}\n## EL-X-01 x\nCovers: BL-PR-10\n`),
      });
      const found = diagnosticsOf(report, 'el.md').filter((d) => d.code === 'unknown-control');
      assert.deepEqual(found.map((d) => d.control), ['BL-ZZ-99', 'BL-PR-10']);
      assert.match(found[1].message, /Did you mean BL-PR-01\?/);
    });

    it('is silent for known ids', async () => {
      assert.ok(!(await codes(markdown('', COVER_ALL))).includes('unknown-control'));
    });
  });

  describe('withdrawn-control', () => {
    it('warns on a withdrawn control and names its successor; the reference covers nothing', async () => {
      const { report } = await check({ 'c.yaml': CATALOG, 'el.md': markdown('', '## EL-PR-01 x\nCovers: BL-PR-09, BL-PR-05\n\n## EL-GV-01\n対応: BL-GV-01\n') });
      const d = diagnosticsOf(report, 'el.md').find((x) => x.code === 'withdrawn-control');
      assert.equal(d?.severity, 'warning');
      assert.match(d?.message ?? '', /BL-PR-01/);
      assert.deepEqual(report.coverage[0].uncovered, ['BL-PR-01']);
    });
  });

  describe('unknown-csf', () => {
    it('flags CSF 1.1 ids and unpadded ids in a measure, but not valid ids or quoted code', async () => {
      const body = '## EL-PR-01 x\nCovers: BL-PR-01, BL-PR-05\n関連: PR.AA-03, GV.SC, PR.AC-1, PR.AA-3, `PR.AC-2`\n\n```\nPR.AC-3\n```\n\n## EL-GV-01\n対応: BL-GV-01\n';
      const { report } = await check({ 'c.yaml': CATALOG, 'el.md': markdown('', body) });
      const found = diagnosticsOf(report, 'el.md').filter((d) => d.code === 'unknown-csf');
      assert.equal(found.length, 2);
      assert.match(found[0].message, /PR\.AC-1.*CSF 1\.1.*PR\.AA-01/);
      assert.match(found[1].message, /PR\.AA-03/);
    });

    it('ignores CSF-like text outside measure sections', async () => {
      assert.deepEqual(await codes(markdown('', `# Intro\nCSF 1.1 の PR.AC-1 は廃止された。\n\n${COVER_ALL}`)), []);
    });

    it('checks catalog mappings too', async () => {
      const { report } = await check({ 'c.yaml': CATALOG.replace('csf: [RC.RP-01]', 'csf: [RC.RP-1]'), 'el.md': markdown('', COVER_ALL) });
      assert.deepEqual(codesOf(report, 'c.yaml'), ['unknown-csf']);
    });
  });

  describe('unknown-baseline', () => {
    it('flags a catalog id or version that is not loaded, listing what is', async () => {
      const standard = markdown('', COVER_ALL).replace('@2026.1', '@2027.1');
      const { report } = await check({ 'c.yaml': CATALOG, 'el.md': standard });
      const d = diagnosticsOf(report, 'el.md');
      assert.deepEqual(d.map((x) => x.code), ['unknown-baseline']);
      assert.match(d[0].message, /jp-ci-baseline@2026\.1/);
    });

    it('resolves a baseline without a version to the newest loaded one', async () => {
      const newer = CATALOG.replace('version: "2026.1"', 'version: "2026.10"').replace(/  - id: BL-RC-02[\s\S]*?(?=  - id: BL-PR-09)/, '');
      const standard = markdown('', COVER_ALL).replace('@2026.1', '');
      const { report } = await check({ 'a.yaml': CATALOG, 'b.yaml': newer, 'el.md': standard });
      assert.equal(report.coverage[0].baseline, 'jp-ci-baseline@2026.10');
    });
  });

  describe('exemptions', () => {
    const exempt = (body: string) => markdown(`exemptions:\n${body}`, '## EL-PR-07 許可リスト\n\n## EL-PR-01 x\nCovers: BL-PR-01\n\n## EL-GV-01\n対応: BL-GV-01\n');

    it('a sound exemption exempts its control', async () => {
      const { report } = await check({ 'c.yaml': CATALOG, 'el.md': exempt(`  - control: BL-PR-05\n    rationale: ${RATIONALE}\n    compensating: [EL-PR-07]\n    review: 2027-03-31\n`) });
      assert.deepEqual(codesOf(report), []);
      const { controls, ...totals } = report.coverage[0];
      assert.deepEqual(totals, { sector: 'electricity', baseline: 'jp-ci-baseline@2026.1', level: 1, required: 3, covered: 2, exempted: 1, uncovered: [], weak: [], planned: [] });
      assert.deepEqual(controls?.find((c) => c.control === 'BL-PR-05'), { control: 'BL-PR-05', status: 'exempted', measures: [] });
    });

    it('exemption-without-rationale: missing or short rationale leaves the control uncovered', async () => {
      for (const body of ['  - control: BL-PR-05\n', '  - control: BL-PR-05\n    rationale: 閉域網のため。\n']) {
        const { report } = await check({ 'c.yaml': CATALOG, 'el.md': exempt(body) });
        assert.deepEqual(codesOf(report), ['exemption-without-rationale', 'uncovered-control']);
        assert.deepEqual(report.coverage[0].uncovered, ['BL-PR-05']);
      }
    });

    it('counts the rationale in characters, not bytes or UTF-16 units', async () => {
      const twenty = '𠮷'.repeat(20);
      const { report } = await check({ 'c.yaml': CATALOG, 'el.md': exempt(`  - control: BL-PR-05\n    rationale: ${twenty}\n`) });
      assert.deepEqual(codesOf(report), []);
    });

    it('exemption-not-allowed: a non-exemptable control cannot be exempted', async () => {
      const { report } = await check({ 'c.yaml': CATALOG, 'el.md': markdown(`exemptions:\n  - control: BL-GV-01\n    rationale: ${RATIONALE}\n`, '## EL-PR-01 x\nCovers: BL-PR-01, BL-PR-05\n') });
      assert.deepEqual(codesOf(report), ['exemption-not-allowed', 'uncovered-control']);
    });

    it('exemption-expired: warns after the review date and still exempts', async () => {
      const { report } = await check({ 'c.yaml': CATALOG, 'el.md': exempt(`  - control: BL-PR-05\n    rationale: ${RATIONALE}\n    review: 2026-11-23\n`) });
      assert.deepEqual(codesOf(report), ['exemption-expired']);
      assert.equal(report.coverage[0].exempted, 1);
      const onTheDay = await check({ 'c.yaml': CATALOG, 'el.md': exempt(`  - control: BL-PR-05\n    rationale: ${RATIONALE}\n    review: 2026-11-24\n`) });
      assert.deepEqual(codesOf(onTheDay.report), []);
    });

    it('covered-and-exempted: warns on the exemption; the control counts as covered', async () => {
      const { report } = await check({ 'c.yaml': CATALOG, 'el.md': markdown(`exemptions:\n  - control: BL-PR-05\n    rationale: ${RATIONALE}\n`, COVER_ALL) });
      assert.deepEqual(codesOf(report), ['covered-and-exempted']);
      assert.equal(report.coverage[0].covered, 3);
      assert.equal(report.coverage[0].exempted, 0);
    });

    it('unknown-measure: an undefined compensating measure makes the exemption unsound', async () => {
      const { report } = await check({ 'c.yaml': CATALOG, 'el.md': exempt(`  - control: BL-PR-05\n    rationale: ${RATIONALE}\n    compensating: [EL-PR-99]\n`) });
      assert.deepEqual(codesOf(report), ['uncovered-control', 'unknown-measure']);
    });
  });

  describe('duplicate-id', () => {
    it('flags a measure id defined twice across the files of one sector, on the second', async () => {
      const second = markdown('', '## EL-PR-01 again\n');
      const { report } = await check({ 'c.yaml': CATALOG, 'a.md': markdown('', COVER_ALL), 'b.md': second });
      assert.deepEqual(codesOf(report, 'b.md'), ['duplicate-id']);
      assert.deepEqual(codesOf(report, 'a.md'), []);
      // The first definition is named as the user sees paths, not as an absolute path.
      const line = markdown('', COVER_ALL).split('\n').findIndex((l) => l.startsWith('## EL-PR-01')) + 1;
      assert.match(diagnosticsOf(report, 'b.md')[0].message, new RegExp(`first defined in a\\.md:${line}\\)`));
    });

    it('allows the same measure id in different sectors', async () => {
      const other = markdown('', COVER_ALL).replace('sector: electricity', 'sector: gas');
      const { report } = await check({ 'c.yaml': CATALOG, 'a.md': markdown('', COVER_ALL), 'b.md': other });
      assert.deepEqual(codesOf(report), []);
    });

    it('flags a control id defined twice in one catalog', async () => {
      const dup = CATALOG.replace('id: BL-PR-05', 'id: BL-PR-01');
      const { report } = await check({ 'c.yaml': dup, 'el.md': markdown('', COVER_ALL) });
      assert.deepEqual(codesOf(report, 'c.yaml'), ['duplicate-id']);
    });
  });

  describe('schema', () => {
    it('flags unknown front matter keys unless they start with x-, at the key', async () => {
      const { report } = await check({ 'c.yaml': CATALOG, 'el.md': markdown('owner: 経済産業省\nx-owner: 経済産業省\n', COVER_ALL) });
      const d = diagnosticsOf(report, 'el.md');
      assert.deepEqual(d.map((x) => x.code), ['schema']);
      assert.deepEqual(d[0].range, { start: { line: 4, character: 0 }, end: { line: 4, character: 5 } });
      assert.match(d[0].message, /x-/);
    });

    it('flags a wrong type at the value and a missing key', async () => {
      const { report } = await check({ 'c.yaml': CATALOG, 'el.md': '---\nkind: standard\nsector: electricity\nlevel: high\n---\n' });
      const d = diagnosticsOf(report, 'el.md');
      assert.deepEqual(d.map((x) => x.message), ['Missing required key baseline.', 'level has the wrong type (expected a whole number).']);
      assert.deepEqual(d[1].range.start, { line: 3, character: 7 });
    });

    it('says what is wrong with a bound, an empty value or an impossible date, in both languages', async () => {
      const front = `level: 0\nexemptions:\n  - control: BL-PR-05\n    rationale: ${RATIONALE}\n    review: 2027-02-30\n    compensating: ['']\n`;
      const files = { 'c.yaml': CATALOG, 'el.md': markdown(front, COVER_ALL) };
      for (const [locale, expected] of [
        ['en', ['level must be at least 1.', 'The review date 2027-02-30 is not a date on the calendar.', 'exemptions[0].compensating[0] must not be empty.']],
        ['ja', ['level は 1 以上でなければなりません。', '見直し期限 2027-02-30 は存在しない日付です。', 'exemptions[0].compensating[0] を空にすることはできません。']],
      ] as const) {
        const d = diagnosticsOf((await check(files, { locale })).report, 'el.md').filter((x) => x.code === 'schema');
        assert.deepEqual(d.map((x) => x.message), expected);
      }
      const { report } = await check(files);
      const date = diagnosticsOf(report, 'el.md').find((x) => x.message.includes('2027-02-30'))!;
      assert.equal(date.range.start.line, 8);
    });

    it('flags catalog control shape errors', async () => {
      const bad = CATALOG.replace('function: RC', 'function: XX').replace('id: BL-RC-02', 'id: bl-rc-02');
      const { report } = await check({ 'c.yaml': bad, 'el.md': markdown('', COVER_ALL) });
      assert.deepEqual(codesOf(report, 'c.yaml'), ['schema', 'schema']);
    });
  });

  describe('syntax', () => {
    it('reports malformed YAML where it is, and still checks the other files', async () => {
      const { report } = await check({ 'c.yaml': CATALOG, 'el.md': markdown('', COVER_ALL), 'gas.md': '---\nkind: standard\nsector: [gas\n---\n' });
      const d = diagnosticsOf(report, 'gas.md');
      assert.equal(d[0].code, 'syntax');
      assert.equal(d[0].range.start.line, 2);
      assert.deepEqual(codesOf(report, 'el.md'), []);
    });

    it('reports duplicate keys and unterminated front matter', async () => {
      const { report } = await check({
        'c.yaml': CATALOG,
        'a.md': '---\nkind: standard\nsector: a\nsector: b\n---\n',
        'b.md': '---\nkind: standard\nsector: electricity\n\n## EL-PR-01\n',
      });
      assert.deepEqual(codesOf(report, 'a.md'), ['syntax']);
      assert.deepEqual(codesOf(report, 'b.md'), ['syntax']);
      assert.match(diagnosticsOf(report, 'b.md')[0].message, /not closed/);
    });

    it('refuses an alias bomb without expanding it', async () => {
      const bomb = 'kind: catalog\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n';
      const { report } = await check({ 'c.yaml': CATALOG, 'bomb.yaml': bomb });
      assert.deepEqual(codesOf(report, 'bomb.yaml'), ['syntax']);
      assert.match(diagnosticsOf(report, 'bomb.yaml')[0].message, /alias/i);
    });
  });

  it('writes messages in Japanese when asked', async () => {
    const { report } = await check({ 'c.yaml': CATALOG, 'el.md': markdown('', '## EL-PR-01 x\nCovers: BL-PR-01, BL-PR-05\n') }, { locale: 'ja' });
    const d = diagnosticsOf(report, 'el.md')[0];
    assert.equal(d.message, 'ベースライン管理策 BL-GV-01「経営層の責任」(レベル 1)が、分野「電力 (electricity)」のどの対策でも対応されておらず、適用除外もされていません。');
  });

  it('applies per-rule severities from kijun.yaml, including off', async () => {
    const config = 'catalogs: [c.yaml]\nstandards: ["*.md"]\nrules:\n  uncovered-control: warning\n  unknown-csf: off\n';
    const { report } = await check({ 'kijun.yaml': config, 'c.yaml': CATALOG, 'el.md': markdown('', '## EL-PR-01 x\nCovers: BL-PR-01, BL-PR-05\nPR.AC-1\n') });
    assert.deepEqual(diagnosticsOf(report, 'el.md').map((d) => `${d.code}:${d.severity}`), ['uncovered-control:warning']);
  });
});
