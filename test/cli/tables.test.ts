// `kijun check --format csv|xlsx` and `kijun export csf-profile` through the spawned bundle, as a
// user or a CI job runs them.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { tempDir } from '../helpers/tmp.js';
import { readXlsx } from '../helpers/xlsxReader.js';
import { ROOT, spawnKijun, inProcess } from '../helpers/cli.js';

const SAMPLES = path.join(ROOT, 'samples');

/** Live controls of the samples' baseline, in catalog order, with their CSF references. */
function sampleControls(): { id: string; csf: string[] }[] {
  const catalog = parseYaml(readFileSync(path.join(SAMPLES, 'baseline/jp-ci-baseline-2026.1.yaml'), 'utf8')) as { controls: { id: string; csf?: string[]; withdrawn?: boolean }[] };
  return catalog.controls.filter((c) => !c.withdrawn).map((c) => ({ id: c.id, csf: c.csf ?? [] }));
}

/** Sectors of the samples' standards (one folder each). */
function sampleSectors(): string[] {
  return readdirSync(path.join(SAMPLES, 'standards')).sort();
}

interface JsonCoverage {
  sector: string;
  required: number;
  covered: number;
  exempted: number;
  uncovered: string[];
  controls: { control: string; status: string; measures: string[] }[];
}

describe('kijun check --format csv|xlsx (CLI)', () => {
  it('--format csv prints the table with a BOM and CRLF, in kijun.yaml\'s language; same spawned and in process', async () => {
    const args = ['check', 'samples', '--format', 'csv'];
    const spawned = spawnKijun(args);
    const direct = await inProcess(args);
    assert.equal(spawned.status, 1, 'the samples have errors');
    assert.equal(spawned.stderr, '');
    assert.equal(spawned.stdout, direct.stdout);
    assert.ok(spawned.stdout.startsWith('\uFEFF分野ID,分野名,ベースライン,管理策ID,管理策名,CSF機能,レベル,CSF参照,状態,対策,場所,適用除外の理由,代替策\r\n'));
    const sectors = sampleSectors();
    const rowStart = new RegExp(`^(${sectors.join('|')}),`);
    assert.equal(spawned.stdout.split('\r\n').filter((l) => rowStart.test(l)).length, sectors.length * sampleControls().length, 'a row per sector and control, records ending in CRLF');
    const en = spawnKijun([...args, '--lang', 'en']);
    assert.match(en.stdout, /^\uFEFFSector id,Sector,Baseline,Control,/);
    assert.match(en.stdout, /\r\nelectricity,Electric power supply services,jp-ci-baseline@2026\.1,BL-GV-01,[^\r]*,covered,/);
    const json = JSON.parse(spawnKijun(['check', 'samples', '--format', 'json']).stdout) as { coverage: JsonCoverage[] };
    const used = new Set(json.coverage.flatMap((c) => c.controls.map((x) => x.status)));
    const words: Record<string, string> = { covered: '対応済', exempted: '適用除外', uncovered: '未対応', 'not-required': '対象外', weak: '推奨のみ', planned: '施行前' };
    for (const status of used) {
      assert.match(en.stdout, new RegExp(`,${status},`), status);
      assert.match(spawned.stdout, new RegExp(`,${words[status]},`), words[status]);
    }
  });

  it('--format xlsx without --output exits 2 and says why, in the message language', () => {
    const ja = spawnKijun(['check', 'samples', '--format', 'xlsx']);
    assert.equal(ja.status, 2);
    assert.equal(ja.stdout, '');
    assert.match(ja.stderr, /--format xlsx には書き出すファイルの指定\(--output FILE\.xlsx\)が必要です/);
    const en = spawnKijun(['check', 'samples', '--format', 'xlsx', '--lang', 'en']);
    assert.equal(en.status, 2);
    assert.match(en.stderr, /--format xlsx needs a file to write to \(--output FILE\.xlsx\)/);
  });

  it('--format xlsx --output writes a workbook with a row per sector and control, the JSON statuses, and nothing on standard output', () => {
    const out = path.join(tempDir('kijun-xlsx-'), '対照表.xlsx');
    const r = spawnKijun(['check', 'samples', '--format', 'xlsx', '--output', out, '--lang', 'en']);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    const book = readXlsx(readFileSync(out));
    assert.deepEqual(book.sheets.map((s) => s.name), ['Correspondence', 'Measures', 'Summary']);
    const [table, measures, summary] = book.sheets;
    assert.equal(table.frozen?.state, 'frozen');
    assert.ok(table.autoFilter);
    const json = JSON.parse(spawnKijun(['check', 'samples', '--format', 'json']).stdout) as { coverage: JsonCoverage[] };
    const expected = json.coverage.flatMap((c) => c.controls.map((x) => [c.sector, x.control, x.status, x.measures.join(', ')]));
    assert.equal(expected.length, sampleSectors().length * sampleControls().length);
    assert.deepEqual(table.rows.slice(1).map((r) => [r[0], r[3], r[8], r[9]]), expected);
    assert.ok(table.rows.slice(1).every((r) => r[10] === '' || /^samples\/standards\/[^:]+:\d+(, samples\/standards\/[^:]+:\d+)*$/.test(r[10])), 'locations are path:line');
    assert.ok(measures.rows.slice(1).some((r) => r[6] === '2'), 'the samples have second-floor measures');
    assert.deepEqual(summary.rows.slice(1, 1 + json.coverage.length).map((r) => /\(([a-z-]+)\)$/.exec(r[0])?.[1]), json.coverage.map((c) => c.sector), 'a summary row per sector');
    assert.equal(summary.rows[1][0], 'Electric power supply services (electricity)');
  });

  it('JSON coverage[].controls lists every live baseline control with status and measures; counts agree with the §3 figures', () => {
    const json = JSON.parse(spawnKijun(['check', 'samples', '--format', 'json']).stdout) as { coverage: JsonCoverage[] };
    for (const c of json.coverage) {
      assert.deepEqual(c.controls.map((x) => x.control), sampleControls().map((x) => x.id));
      const count = (...s: string[]): number => c.controls.filter((x) => s.includes(x.status)).length;
      assert.equal(count('covered', 'weak'), c.covered, c.sector);
      assert.equal(count('exempted'), c.exempted, c.sector);
      assert.equal(count('uncovered', 'planned'), c.uncovered.length, c.sector);
      assert.equal(c.controls.length - count('not-required'), c.required, c.sector);
      for (const x of c.controls) assert.equal(x.measures.length > 0, ['covered', 'weak', 'planned'].includes(x.status) || (x.status === 'not-required' && x.measures.length > 0), `${c.sector} ${x.control}`);
    }
  });
});

describe('kijun export csf-profile (CLI)', () => {
  it('JSON: every CSF 2.0 subcategory per sector; the controls\' statuses and the counts agree with kijun check of the same workspace', () => {
    const r = spawnKijun(['export', 'csf-profile'], SAMPLES);
    assert.equal(r.status, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as { version: number; profiles: { sector: string; baseline: string; counts: Record<string, number>; subcategories: { id: string; status: string; controls: { control: string; status: string }[]; measures: string[] }[] }[] };
    assert.equal(doc.version, 1);
    const check = JSON.parse(spawnKijun(['check', '--format', 'json'], SAMPLES).stdout) as { coverage: JsonCoverage[] };
    assert.deepEqual(doc.profiles.map((p) => p.sector), check.coverage.map((c) => c.sector));
    const csfOf = new Map(sampleControls().map((c) => [c.id, c.csf]));
    for (const profile of doc.profiles) {
      const coverage = check.coverage.find((c) => c.sector === profile.sector)!;
      const status = new Map(coverage.controls.map((x) => [x.control, x.status]));
      assert.equal(profile.subcategories.length, 106);
      const counts: Record<string, number> = { reached: 0, exempted: 0, unreached: 0 };
      for (const s of profile.subcategories) {
        counts[s.status]++;
        const mapped = [...csfOf].filter(([, csf]) => csf.includes(s.id) || csf.includes(s.id.split('-')[0])).map(([id]) => id);
        assert.deepEqual(s.controls.map((x) => x.control), mapped, `${profile.sector} ${s.id}: the controls that map to it`);
        for (const x of s.controls) assert.equal(x.status, status.get(x.control));
        // A covered control reaches; a listed measure reaches unless it is not yet in effect (not in the JSON).
        const byControl = s.controls.some((x) => x.status === 'covered' || x.status === 'weak');
        if (byControl) assert.equal(s.status, 'reached', `${profile.sector} ${s.id}`);
        if (s.status === 'reached') assert.ok(byControl || s.measures.length > 0, `${profile.sector} ${s.id}`);
        if (s.status === 'exempted') assert.ok(s.controls.some((x) => x.status === 'exempted'), `${profile.sector} ${s.id}`);
        if (!byControl && s.measures.length === 0) assert.equal(s.status, s.controls.some((x) => x.status === 'exempted') ? 'exempted' : 'unreached', `${profile.sector} ${s.id}`);
      }
      assert.deepEqual(profile.counts, counts);
    }
  });

  it('--sector, --format markdown|csv, --out; unknown sector and format exit 2', () => {
    const md = spawnKijun(['export', 'csf-profile', '--sector', 'water', '--format', 'markdown'], SAMPLES);
    assert.equal(md.status, 0, md.stderr);
    assert.match(md.stdout, /^# NIST CSF 2\.0 コミュニティプロファイル: 水道 \(water\)\n/);
    assert.equal((md.stdout.match(/^# /gm) ?? []).length, 1);
    const out = path.join(tempDir('kijun-profile-'), 'profile.csv');
    const csv = spawnKijun(['export', 'csf-profile', '--format', 'csv', '--out', out, '--lang', 'en'], SAMPLES);
    assert.equal(csv.status, 0, csv.stderr);
    assert.equal(csv.stdout, '');
    const text = readFileSync(out, 'utf8');
    assert.ok(text.startsWith('\uFEFFSector id,Baseline,CSF function,Category,Subcategory,Status,'));
    assert.equal(text.split('\r\n').length - 2, sampleSectors().length * 106);
    const bad = spawnKijun(['export', 'csf-profile', '--sector', 'nowhere'], SAMPLES);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /分野 nowhere の安全基準等がありません/);
    assert.equal(spawnKijun(['export', 'csf-profile', '--format', 'xml'], SAMPLES).status, 2);
  });
});
