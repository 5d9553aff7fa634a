import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, readdirSync, statSync, cpSync } from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../helpers/tmp.js';
import { ROOT, spawnKijun, inProcess, type Result } from '../helpers/cli.js';

const FIXTURES = path.join(ROOT, 'test/fixtures');

/** Every case runs through the spawned binary and the in-process API, which must agree. */
const CASES: { name: string; args: string[]; cwd?: string; status: number; check?: (r: Result) => void }[] = [
  {
    name: 'exit 0 and a coverage table for a clean workspace',
    args: ['check', 'test/fixtures/clean'],
    status: 0,
    check: (r) => {
      assert.match(r.stdout, /Electric power supply services \(electricity\)\s+jp-ci-baseline@2026\.1\s+1\s+3\s+3\s+0\s+0\s+100%/);
      assert.match(r.stdout, /0 errors, 1 warning, \d+ infos? in 3 files/);
    },
  },
  { name: '--max-warnings 0 fails on a warning', args: ['check', 'test/fixtures/clean', '--max-warnings', '0'], status: 1 },
  { name: '--max-warnings 1 passes one warning', args: ['check', 'test/fixtures/clean', '--max-warnings', '1'], status: 0 },
  {
    name: 'exit 1 with file:line:col findings when there are errors',
    args: ['check', 'test/fixtures/basic'],
    status: 1,
    check: (r) => {
      assert.match(r.stdout, /^test\/fixtures\/basic\/standards\/electricity\.md:4:11: error uncovered-control: Baseline control BL-PR-05/m);
      assert.match(r.stdout, /electricity\.md:13:14: warning withdrawn-control/);
    },
  },
  {
    name: 'Japanese messages with --lang ja',
    args: ['check', 'test/fixtures/basic', '--lang', 'ja'],
    status: 1,
    check: (r) => {
      assert.match(r.stdout, /エラー uncovered-control: ベースライン管理策 BL-PR-05/);
      assert.match(r.stdout, /分野\s+ベースライン/);
    },
  },
  { name: 'exit 2 on an unknown option', args: ['check', '--frobnicate'], status: 2, check: (r) => assert.match(r.stderr, /Usage: kijun check/) },
  { name: 'exit 2 on an unknown format', args: ['check', '--format', 'pdf'], status: 2, check: (r) => assert.match(r.stderr, /There is no output format "pdf"/) },
  { name: 'exit 2 on a bad --max-warnings', args: ['check', '--max-warnings', 'many'], status: 2 },
  { name: 'exit 2 on a missing path', args: ['check', 'no/such/dir'], status: 2, check: (r) => assert.match(r.stderr, /no such file or folder/) },
  { name: 'exit 2 when there is no catalog', args: ['check', 'test/fixtures/clean/electricity.md'], status: 2, check: (r) => assert.match(r.stderr, /no catalog/i) },
  { name: 'exit 2 without a command', args: [], status: 2 },
  { name: '--help prints usage', args: ['--help'], status: 0, check: (r) => assert.match(r.stdout, /Usage/) },
];

describe('kijun check (CLI)', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const spawned = spawnKijun(c.args, c.cwd);
      const direct = await inProcess(c.args, c.cwd);
      assert.equal(spawned.status, c.status, spawned.stderr);
      assert.equal(direct.status, c.status);
      assert.equal(spawned.stdout, direct.stdout);
      assert.doesNotMatch(spawned.stderr, /\n\s+at /, 'no stack trace');
      c.check?.(spawned);
    });
  }

  it('prints the JSON contract: relative paths, 0-based UTF-16 ranges, sorted uncovered, consistent counts', () => {
    const r = spawnKijun(['check', 'test/fixtures/basic', '--format', 'json']);
    assert.equal(r.status, 1);
    const report = JSON.parse(r.stdout);
    assert.equal(report.version, 1);
    assert.deepEqual(report.files.map((f: { path: string }) => f.path), ['test/fixtures/basic/baseline/catalog.yaml', 'test/fixtures/basic/standards/electricity.md']);
    const d = report.files[1].diagnostics[0];
    assert.deepEqual(Object.keys(d), ['code', 'severity', 'message', 'range', 'control']);
    assert.deepEqual(d.range, { start: { line: 3, character: 10 }, end: { line: 3, character: 31 } });
    const c = report.coverage[0];
    assert.deepEqual(Object.keys(c).slice(0, 7), ['sector', 'baseline', 'level', 'required', 'covered', 'exempted', 'uncovered'], 'the contract keys, in order; more may follow');
    assert.equal(c.covered + c.exempted + c.uncovered.length, c.required);
    assert.deepEqual(c.uncovered, [...c.uncovered].sort());
    assert.ok(c.controls.every((x: { control: string; status: string; measures: string[] }) => /^BL-/.test(x.control) && ['covered', 'weak', 'planned', 'exempted', 'uncovered', 'not-required'].includes(x.status) && Array.isArray(x.measures)), 'coverage[].controls (§5.4), additive to version 1');
    assert.deepEqual(report.summary, { errors: 1, warnings: 1, files: 2 });
  });

  it('finds kijun.yaml from the current directory upward and reports paths relative to it', () => {
    const cwd = path.join(FIXTURES, 'basic/standards');
    const r = spawnKijun(['check', '--format', 'json'], cwd);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(report.files.map((f: { path: string }) => f.path), ['../baseline/catalog.yaml', 'electricity.md']);
  });

  it('takes the message language from LANG when neither --lang nor kijun.yaml names one', () => {
    const r = spawnKijun(['check', 'test/fixtures/clean'], ROOT, { LANG: 'ja_JP.UTF-8' });
    assert.match(r.stdout, /警告 withdrawn-control: 管理策 BL-PR-09 は廃止されています/);
  });

  it('writes the report to --output and nothing else; never touches the checked files', () => {
    const dir = tempDir('kijun-cli-');
    cpSync(path.join(FIXTURES, 'basic'), dir, { recursive: true });
    const before = snapshot(dir);
    const out = path.join(tempDir('kijun-out-'), 'report.json');
    const r = spawnKijun(['check', dir, '--format', 'json', '--output', out]);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.equal(JSON.parse(readFileSync(out, 'utf8')).summary.errors, 1);
    assert.deepEqual(snapshot(dir), before);
  });

  it('exits 2 with one located line for an invalid kijun.yaml', () => {
    const dir = tempDir('kijun-cfg-');
    cpSync(path.join(FIXTURES, 'basic'), dir, { recursive: true });
    writeFileSync(path.join(dir, 'kijun.yaml'), 'catalogs: [baseline/*.yaml]\nrules:\n  uncovered-control: loud\n');
    const r = spawnKijun(['check'], dir);
    assert.equal(r.status, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr, /kijun\.yaml:3:22: rules\.uncovered-control must be one of error, warning, info, off/);
  });

  it('exits 2 for a kijun.yaml that is not YAML', () => {
    const dir = tempDir('kijun-cfg-');
    writeFileSync(path.join(dir, 'kijun.yaml'), 'catalogs: [unclosed\n');
    const r = spawnKijun(['check'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /kijun\.yaml:1:\d+: YAML syntax error/);
  });
});

describe('kijun diff (CLI)', () => {
  const args = ['diff', 'test/fixtures/upgrade/catalog-2026.1.yaml', 'test/fixtures/upgrade/catalog-2027.1.yaml', '--standards', 'test/fixtures/upgrade/electricity.md'];

  it('lists the changes and what each sector must add or revisit', async () => {
    const r = spawnKijun(args);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^jp-ci-baseline@2026\.1 → jp-ci-baseline@2027\.1$/m);
    assert.match(r.stdout, /re-levelled\s+BL-RC-02  2 → 1/);
    assert.match(r.stdout, /must add: BL-DE-01, BL-RC-02/);
    assert.equal((await inProcess(args)).stdout, r.stdout);
  });

  it('prints JSON and Markdown', () => {
    const json = JSON.parse(spawnKijun([...args, '--format', 'json']).stdout);
    assert.deepEqual(json.changes.map((c: { control: string; kind: string }) => `${c.control} ${c.kind}`).sort(), ['BL-DE-01 added', 'BL-GV-01 remapped', 'BL-RC-02 relevelled']);
    assert.deepEqual(json.sectors[0].mustAdd, ['BL-DE-01', 'BL-RC-02']);
    const md = spawnKijun([...args, '--format', 'markdown', '--lang', 'ja']).stdout;
    assert.match(md, /\| BL-RC-02 \| レベル変更 \| 2 → 1 \|/);
  });

  it('the samples\' draft of the next baseline: every sector, by name, must add the new controls and no longer the withdrawn one', () => {
    const r = spawnKijun(['diff', 'samples/baseline/jp-ci-baseline-2026.1.yaml', 'samples/drafts/jp-ci-baseline-2027.1.yaml', '--standards', 'samples/standards', '--lang', 'ja', '--format', 'markdown']);
    assert.equal(r.status, 0, r.stderr);
    const rows = r.stdout.split('\n').filter((l) => /^\| \S+ \([a-z-]+\) \|/.test(l));
    assert.deepEqual(rows.map((l) => l.split(' | ')[0]), ['| 電力 (electricity)', '| 金融 (finance)', '| 医療 (medical)', '| 港湾 (port)', '| 水道 (water)']);
    for (const row of rows) {
      assert.match(row, /BL-GV-17/);
      assert.match(row, /BL-PR-21/);
      assert.doesNotMatch(row, /BL-PR-19/);
    }
    assert.match(r.stdout, /\| BL-PR-19 \| 廃止 \| → BL-RC-01 \|/);
  });

  it('exits 2 when a file is missing or not a catalog', () => {
    assert.equal(spawnKijun(['diff', 'test/fixtures/upgrade/catalog-2026.1.yaml']).status, 2);
    const r = spawnKijun(['diff', 'test/fixtures/upgrade/catalog-2026.1.yaml', 'test/fixtures/upgrade/electricity.md']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /not a catalog/);
  });
});

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[path.relative(dir, p)] = `${statSync(p).mtimeMs}:${readFileSync(p, 'utf8')}`;
    }
  };
  walk(dir);
  return out;
}
