// The correspondence table (対照表) as CSV and .xlsx, JSON `coverage[].controls`, and CSF 2.0
// profiles, from the core. The .xlsx is read back with an independent reader (test/helpers/xlsxReader.ts).
import assert from 'node:assert/strict';
import { check, CATALOG, RATIONALE, markdown } from '../helpers/memoryWorkspace.js';
import { filesOf } from '../helpers/reviewWorkspaces.js';
import { readXlsx } from '../helpers/xlsxReader.js';
import type { Locale } from '../../server/src/core/model.js';
import type { Report } from '../../server/src/core/report.js';
import type { LoadedWorkspace } from '../../server/src/core/workspace.js';
import { buildCorrespondence, reportedGroups } from '../../server/src/core/formats/correspondence.js';
import { tableCsv } from '../../server/src/core/formats/csv.js';
import { xlsxWorkbook } from '../../server/src/core/formats/xlsx.js';
import { buildCsfProfile } from '../../server/src/core/csfProfile.js';
import { profilesCsv, profilesMarkdown } from '../../server/src/core/formats/csfProfile.js';
import { csfSubcategories } from '../../server/src/core/csf.js';

const FORMULA_TITLE = '=HYPERLINK("https://evil.example/?x=1","click")';

/** Titles that look like formulas, a title with a line break, quotes and commas; every status but planned. */
const HOSTILE_CATALOG = `kind: catalog
id: jp-ci-baseline
version: "2026.1"
title: { en: Baseline }
controls:
  - id: BL-PR-01
    function: PR
    level: 1
    title: { en: ${JSON.stringify(FORMULA_TITLE)} }
    statement: { en: Use MFA. }
    csf: [PR.AA-03]
  - id: BL-PR-05
    function: PR
    level: 1
    title: { en: "@SUM(1,2)" }
    statement: { en: Keep definitions current. }
    csf: [PR.PS-05]
  - id: BL-GV-01
    function: GV
    level: 1
    exemptable: false
    title: { en: "Line one, \\"quoted\\"\\nline two" }
    statement: { en: Accountability. }
    csf: [GV.RR-01]
  - id: BL-RC-02
    function: RC
    level: 2
    title: { en: "\\tTabbed _x0041_ title \\u0007" }
    statement: { en: Recovery plan. }
    csf: [RC.RP-01]
  - id: BL-DE-01
    function: DE
    level: 1
    title: { en: "+Monitoring" }
    statement: { en: Monitor. }
    csf: [DE.CM-01]
  - id: BL-PR-09
    function: PR
    level: 1
    withdrawn: true
    replacedBy: BL-PR-01
    title: { en: Old control }
    statement: { en: Withdrawn. }
    csf: [PR.AA-03]
`;

const HOSTILE_STANDARD = `---
kind: standard
sector: electricity
title: Test standard
baseline: jp-ci-baseline@2026.1
level: 1
exemptions:
  - control: BL-PR-05
    rationale: "-${RATIONALE}\\n二行目, \\"引用\\""
    compensating: [EL-PR-01]
---
# Test standard

## EL-PR-01 @cmd|' /C calc'!A0
Covers: BL-PR-01
This measure shall be applied.

## EL-GV-01 Accountability
Covers: BL-GV-01
経営層の関与が望ましい。

## EL-XX-01 Sector-specific
関連: PR.AA-01, DE.CM
This measure shall be applied.
`;

async function hostile(locale: Locale = 'en'): Promise<{ report: Report; loaded: LoadedWorkspace }> {
  return check({ 'baseline/catalog.yaml': HOSTILE_CATALOG, 'standards/electricity.md': HOSTILE_STANDARD }, { locale });
}

function tables(w: { report: Report; loaded: LoadedWorkspace }, locale: Locale = 'en') {
  return buildCorrespondence(w.loaded, w.report, { locale, displayPath: (p) => p.replace(/^\/ws\//, '') });
}

/** RFC 4180 records (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quote');
        if (text[i] === '"' && text[i + 1] === '"') (field += '"'), (i += 2);
        else if (text[i] === '"') {
          i++;
          break;
        } else field += text[i++];
      }
    } else if (text[i] === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (text.startsWith('\r\n', i)) {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else if (text[i] === '\n' || text[i] === '\r') throw new Error(`bare line break outside quotes at ${i}`);
    else field += text[i++];
  }
  if (field !== '' || row.length > 0) throw new Error('last record does not end with CRLF');
  return rows;
}

describe('JSON coverage[].controls', () => {
  it('gives every live baseline control its status and covering measures; counts agree with the §3 figures', async () => {
    const { report } = await hostile();
    const c = report.coverage[0];
    assert.deepEqual(c.controls, [
      { control: 'BL-PR-01', status: 'covered', measures: ['EL-PR-01'] },
      { control: 'BL-PR-05', status: 'exempted', measures: [] },
      { control: 'BL-GV-01', status: 'weak', measures: ['EL-GV-01'] },
      { control: 'BL-RC-02', status: 'not-required', measures: [] },
      { control: 'BL-DE-01', status: 'uncovered', measures: [] },
    ]);
    const count = (...s: string[]): number => c.controls.filter((x) => s.includes(x.status)).length;
    assert.equal(count('covered', 'weak'), c.covered);
    assert.equal(count('exempted'), c.exempted);
    assert.equal(count('uncovered', 'planned'), c.uncovered.length);
    assert.equal(c.controls.length - count('not-required'), c.required);
  });

  it('says planned for a control covered only by a measure not yet in effect (§5.3), 施行前 in Japanese', async () => {
    const std = markdown('level: 1\n', '# T\n\n## EL-PR-01 MFA\nCovers: BL-PR-01\nEffective: 2099-04-01\nThis measure shall be applied.\n');
    const w = await check({ 'baseline/catalog.yaml': CATALOG, 'standards/electricity.md': std }, { locale: 'ja' });
    assert.deepEqual(w.report.coverage[0].controls[0], { control: 'BL-PR-01', status: 'planned', measures: ['EL-PR-01'] });
    const rows = parseCsv(tableCsv(tables(w, 'ja').table).slice(1));
    assert.equal(rows.find((r) => r[3] === 'BL-PR-01')?.[8], '施行前');
  });
});

describe('correspondence table: CSV', () => {
  it('is UTF-8 with a BOM, CRLF records, RFC 4180 quoting; one row per live control in the §5.4 column order', async () => {
    const csv = tableCsv(tables(await hostile()).table);
    assert.ok(csv.startsWith('\uFEFFSector id,Sector,Baseline,Control,Control title,CSF function,Level,CSF references,Status,Measures,Locations,Exemption rationale,Compensating measures\r\n'));
    const rows = parseCsv(csv.slice(1));
    assert.equal(rows.length, 1 + 5, 'the withdrawn control has no row');
    assert.ok(rows.every((r) => r.length === 13));
    const byId = new Map(rows.slice(1).map((r) => [r[3], r]));
    assert.deepEqual(byId.get('BL-PR-01')?.slice(0, 11), [
      'electricity', 'Electric power supply services', 'jp-ci-baseline@2026.1', 'BL-PR-01', `'${FORMULA_TITLE}`, 'PR', '1', 'PR.AA-03', 'covered', 'EL-PR-01',
      'standards/electricity.md:14',
    ]);
    assert.equal(byId.get('BL-GV-01')?.[4], 'Line one, "quoted"\nline two', 'line break, comma and quotes survive inside one field');
    assert.equal(byId.get('BL-GV-01')?.[8], 'weak');
    const exempted = byId.get('BL-PR-05')!;
    assert.equal(exempted[8], 'exempted');
    assert.equal(exempted[11], `'-${RATIONALE}\n二行目, "引用"`);
    assert.equal(exempted[12], 'EL-PR-01');
    assert.equal(exempted[10], 'standards/electricity.md:8', 'the exemption is located when no measure covers the control');
    assert.equal(byId.get('BL-RC-02')?.[8], 'not-required');
    assert.equal(byId.get('BL-DE-01')?.[8], 'uncovered');
    assert.match(csv, /"Line one, ""quoted""\nline two"/);
  });

  it('never starts a cell with = + - @ or a tab (OWASP CSV injection): such text gets a leading apostrophe', async () => {
    const rows = parseCsv(tableCsv(tables(await hostile()).table).slice(1));
    for (const cell of rows.flat()) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, cell);
    const titles = rows.slice(1).map((r) => r[4]);
    assert.ok(titles.includes("'@SUM(1,2)") && titles.includes("'+Monitoring") && titles.some((t) => t.startsWith("'\t")));
  });

  it('writes header and status words in Japanese', async () => {
    const rows = parseCsv(tableCsv(tables(await hostile('ja'), 'ja').table).slice(1));
    assert.deepEqual(rows[0], ['分野ID', '分野名', 'ベースライン', '管理策ID', '管理策名', 'CSF機能', 'レベル', 'CSF参照', '状態', '対策', '場所', '適用除外の理由', '代替策']);
    assert.deepEqual(rows.slice(1).map((r) => r[8]), ['対応済', '適用除外', '推奨のみ', '対象外', '未対応']);
    assert.equal(rows[1][1], '電力');
  });
});

describe('correspondence table: xlsx', () => {
  it('reads back as three sheets: the table (frozen header, filter, widths, wrapped text), the measures, the summary', async () => {
    const t = tables(await hostile());
    const book = readXlsx(xlsxWorkbook([t.table, t.measures, t.summary], { locale: 'en' }));
    assert.deepEqual(book.sheets.map((s) => s.name), ['Correspondence', 'Measures', 'Summary']);
    const [table, measures, summary] = book.sheets;
    assert.deepEqual(table.rows[0], t.table.header);
    assert.equal(table.rows.length, 6);
    assert.deepEqual({ ...table.frozen }, { ySplit: '1', topLeftCell: 'A2', activePane: 'bottomLeft', state: 'frozen' });
    assert.equal(table.autoFilter, 'A1:M6');
    assert.ok(book.definedNames.some((n) => n.name === '_xlnm._FilterDatabase' && n.value === "'Correspondence'!$A$1:$M$6"));
    assert.equal(table.widths.length, 13);
    assert.ok(table.widths.every((w) => w >= 6 && w <= 56));
    const titleStyle = table.cells.get('E4')?.style;
    assert.ok(titleStyle !== undefined && book.styles[titleStyle].wrap, 'long text wraps');
    assert.deepEqual(table.rows.slice(1).map((r) => r[8]), ['covered', 'exempted', 'weak', 'not-required', 'uncovered']);
    assert.equal(table.cells.get('G2')?.type, 'n', 'levels are numbers');
    assert.deepEqual(measures.rows.slice(0, 4).map((r) => [r[1], r[6]]), [['Measure', 'Floor'], ['EL-PR-01', '1'], ['EL-GV-01', '1'], ['EL-XX-01', '2']]);
    assert.match(measures.rows[5][0], /^Floor 1 = /, 'the floors are explained under the table');
    assert.equal(measures.rows[3][5], 'PR.AA-01, DE.CM');
    assert.deepEqual(summary.rows[1].slice(0, 7), ['Electric power supply services (electricity)', 'jp-ci-baseline@2026.1', '1', '4', '2', '1', '1']);
    assert.ok(summary.rows.some((r) => r[0] === '1 error, 0 warnings in 2 files' || /errors?, \d+ warnings? in 2 files/.test(r[0] ?? '')));
  });

  it('sizes columns by display width, as the text tables pad: CJK and emoji two columns, combining marks none', () => {
    const cells = ['港湾港湾港湾港湾港湾', '👩\u200d💻'.repeat(10), 'e\u0301'.repeat(10), 'abcdefghij'];
    const table = { name: 'W', header: cells.map(() => 'h'), kinds: cells.map(() => 'text' as const), rows: [cells] };
    const [sheet] = readXlsx(xlsxWorkbook([table], { locale: 'ja' })).sheets;
    // The widest line plus a margin of 2: 20 columns for the wide and emoji texts, 10 for the others.
    assert.deepEqual(sheet.widths, [22, 22, 12, 12]);
  });

  it('keeps formula-looking text as text: no formula anywhere, the exact text in a string cell, marked quotePrefix', async () => {
    const t = tables(await hostile());
    const book = readXlsx(xlsxWorkbook([t.table, t.measures, t.summary], { locale: 'en' }));
    for (const sheet of book.sheets) assert.equal(sheet.formulas, 0, sheet.name);
    const cell = book.sheets[0].cells.get('E2')!;
    assert.equal(cell.text, FORMULA_TITLE);
    assert.equal(cell.type, 's');
    assert.ok(book.styles[cell.style!].quotePrefix);
    assert.equal(book.sheets[0].cells.get('E5')?.text, '\tTabbed _x0041_ title \u0007', 'a literal _x0041_ and a control character come back as written');
    assert.equal(book.sheets[1].cells.get('C2')?.text, "@cmd|' /C calc'!A0");
  });

  it('writes a workbook for a workspace without standards (headers only) and cuts a text longer than Excel allows', async () => {
    const empty = await check({ 'baseline/catalog.yaml': CATALOG });
    const t = tables(empty);
    const book = readXlsx(xlsxWorkbook([t.table, t.measures, t.summary], { locale: 'en' }));
    assert.deepEqual(book.sheets.map((s) => s.rows.length > 0 ? s.rows[0].length : 0), [13, 7, 8]);
    assert.equal(book.sheets[0].autoFilter, undefined, 'no filter on an empty table');
    const long = { ...t.table, rows: [[...t.table.header.slice(0, 4).map(() => 'x'), 'y'.repeat(40_000)]] };
    const cell = readXlsx(xlsxWorkbook([long], { locale: 'en' })).sheets[0].cells.get('E2')!;
    assert.equal(cell.text.length, 32767);
    assert.ok(cell.text.endsWith('…'));
  });

  it('is reproducible byte for byte and in Japanese when asked', async () => {
    const t = tables(await hostile('ja'), 'ja');
    const a = xlsxWorkbook([t.table, t.measures, t.summary], { locale: 'ja' });
    const b = xlsxWorkbook([t.table, t.measures, t.summary], { locale: 'ja' });
    assert.deepEqual(a, b);
    const book = readXlsx(a);
    assert.deepEqual(book.sheets.map((s) => s.name), ['対照表', '対策一覧', '集計']);
    assert.equal(book.sheets[0].rows[1][8], '対応済');
  });

  it('has a row per sector and live baseline control for the samples, with the JSON statuses', async () => {
    const w = await check(filesOf('samples'), { locale: 'ja' });
    const t = tables(w, 'ja');
    const book = readXlsx(xlsxWorkbook([t.table, t.measures, t.summary], { locale: 'ja' }));
    const words: Record<string, string> = { covered: '対応済', exempted: '適用除外', uncovered: '未対応', 'not-required': '対象外', weak: '推奨のみ', planned: '施行前' };
    const expected = w.report.coverage.flatMap((c) => c.controls.map((x) => [c.sector, x.control, words[x.status], x.measures.join(', ')]));
    const live = [...reportedGroups(w.loaded, w.report)[0].catalog!.controls.values()].filter((c) => !c.withdrawn).length;
    assert.equal(expected.length, w.report.coverage.length * live);
    assert.deepEqual(book.sheets[0].rows.slice(1).map((r) => [r[0], r[3], r[8], r[9]]), expected);
    assert.equal(book.sheets[2].rows.length - 1 >= w.report.coverage.length, true);
  });
});

describe('CSF 2.0 profile', () => {
  it('covers every subcategory; reached by a covered control or a measure (second floor included), exempted only through exempted controls', async () => {
    const w = await hostile();
    const group = reportedGroups(w.loaded, w.report)[0];
    const profile = buildCsfProfile(group, w.loaded.analysis.files);
    assert.equal(profile.subcategories.length, csfSubcategories().length);
    const sub = (id: string) => profile.subcategories.find((s) => s.id === id)!;
    assert.deepEqual(sub('PR.AA-03'), { id: 'PR.AA-03', status: 'reached', controls: [{ control: 'BL-PR-01', status: 'covered' }], measures: [] });
    assert.deepEqual(sub('PR.PS-05'), { id: 'PR.PS-05', status: 'exempted', controls: [{ control: 'BL-PR-05', status: 'exempted' }], measures: [] });
    assert.equal(sub('GV.RR-01').status, 'reached', 'weak coverage still reaches');
    assert.deepEqual(sub('PR.AA-01'), { id: 'PR.AA-01', status: 'reached', controls: [], measures: ['EL-XX-01'] });
    assert.equal(sub('DE.CM-09').status, 'reached', 'a category reference reaches its subcategories');
    assert.equal(sub('RC.RP-01').status, 'unreached', 'a not-required control does not reach');
    assert.equal(profile.counts.reached + profile.counts.exempted + profile.counts.unreached, csfSubcategories().length);
  });

  it('lists a second-floor measure not yet in effect but does not count it as reaching', async () => {
    const std = markdown('level: 1\n', '# T\n\n## EL-XX-01 Later\n関連: PR.AA-01\nEffective: 2099-04-01\nThis measure shall be applied.\n');
    const w = await check({ 'baseline/catalog.yaml': CATALOG, 'standards/electricity.md': std });
    const profile = buildCsfProfile(reportedGroups(w.loaded, w.report)[0], w.loaded.analysis.files, '2026-11-24');
    assert.deepEqual(profile.subcategories.find((s) => s.id === 'PR.AA-01'), { id: 'PR.AA-01', status: 'unreached', controls: [], measures: ['EL-XX-01'] });
    const later = buildCsfProfile(reportedGroups(w.loaded, w.report)[0], w.loaded.analysis.files, '2099-04-01');
    assert.equal(later.subcategories.find((s) => s.id === 'PR.AA-01')?.status, 'reached');
  });

  it('agrees with the coverage of the same run for the samples', async () => {
    const w = await check(filesOf('samples'));
    for (const c of w.report.coverage) {
      const group = reportedGroups(w.loaded, w.report).find((g) => g.sector === c.sector)!;
      const profile = buildCsfProfile(group, w.loaded.analysis.files);
      const status = new Map(c.controls.map((x) => [x.control, x.status]));
      const listed = new Set<string>();
      for (const s of profile.subcategories) {
        for (const x of s.controls) {
          assert.equal(x.status, status.get(x.control), `${c.sector} ${s.id} ${x.control}`);
          listed.add(x.control);
        }
        const reached = s.measures.length > 0 || s.controls.some((x) => x.status === 'covered' || x.status === 'weak');
        assert.equal(s.status, reached ? 'reached' : s.controls.some((x) => x.status === 'exempted') ? 'exempted' : 'unreached');
      }
      const coveredWithCsf = c.controls.filter((x) => (x.status === 'covered' || x.status === 'weak') && group.catalog!.controls.get(x.control)!.csf.length > 0);
      for (const x of coveredWithCsf) assert.ok(listed.has(x.control), `${x.control} appears under its subcategories`);
      assert.equal(profile.counts.reached + profile.counts.exempted + profile.counts.unreached, 106);
    }
  });

  it('renders Markdown and CSV in the report language', async () => {
    const w = await hostile('ja');
    const profile = buildCsfProfile(reportedGroups(w.loaded, w.report)[0], w.loaded.analysis.files);
    const md = profilesMarkdown([profile], 'ja', w.loaded.analysis.sectors);
    assert.match(md, /^# NIST CSF 2\.0 コミュニティプロファイル: 電力 \(electricity\)/);
    assert.match(md, /\| \[PR\.PS-05\]\(https:\/\/csrc\.nist\.gov\/[^)]*\) \| 適用除外 \| BL-PR-05 \(適用除外\) \| - \|/);
    const rows = parseCsv(profilesCsv([profile], 'ja').slice(1));
    assert.equal(rows.length, 1 + 106);
    assert.deepEqual(rows.find((r) => r[4] === 'PR.AA-01')?.slice(0, 8), ['electricity', 'jp-ci-baseline@2026.1', 'PR', 'PR.AA', 'PR.AA-01', '到達', '', 'EL-XX-01']);
  });
});
