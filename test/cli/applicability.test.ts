// `kijun check` on scoped and phased-in standards (PRODUCT.md §5.2, §5.3): JSON `planned` and
// `uncoveredScope`, `--as-of`, and a bad date. Each case runs the spawned bundle and in process.
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../helpers/tmp.js';
import { ROOT, spawnKijun, inProcess, type Result } from '../helpers/cli.js';

interface Coverage { sector: string; uncovered: string[]; planned: string[]; uncoveredScope?: Record<string, Record<string, string[]>> }

const json = (r: Result): { coverage: Coverage[] } => JSON.parse(r.stdout);
const sector = (r: Result, id: string): Coverage => json(r).coverage.find((c) => c.sector === id)!;

/** The samples with electricity's open-network measure EL-PR-14 taken out. */
function withoutOpenMeasure(): string {
  const dir = tempDir('kijun-scope-');
  cpSync(path.join(ROOT, 'samples'), dir, { recursive: true });
  const file = path.join(dir, 'standards/electricity/10-protect.md');
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.slice(0, text.indexOf('### EL-PR-14')));
  return dir;
}

const CASES: { name: string; args: () => string[]; status: number; check: (r: Result) => void }[] = [
  {
    name: 'JSON: a control covered only by a measure not yet in effect is planned, a sorted subset of uncovered',
    args: () => ['check', 'samples', '--format', 'json'],
    status: 1,
    check: (r) => {
      const medical = sector(r, 'medical');
      assert.deepEqual(medical.planned, ['BL-PR-02']);
      assert.ok(medical.uncovered.includes('BL-PR-02'));
      for (const c of json(r).coverage) {
        assert.ok(c.planned.every((id) => c.uncovered.includes(id)), c.sector);
        assert.deepEqual(c.planned, [...c.planned].sort());
      }
      assert.equal(sector(r, 'electricity').uncoveredScope, undefined, 'BL-PR-15 is met: exempt where closed, covered where open');
      assert.ok(!sector(r, 'electricity').uncovered.includes('BL-PR-15'));
    },
  },
  {
    name: '--as-of 2027-04-01 shows the standard as it will be: the phased-in measure covers its control',
    args: () => ['check', 'samples', '--format', 'json', '--as-of', '2027-04-01'],
    status: 1,
    check: (r) => {
      assert.deepEqual(sector(r, 'medical').planned, []);
      assert.ok(!sector(r, 'medical').uncovered.includes('BL-PR-02'));
    },
  },
  {
    name: 'text: planned-coverage is a warning naming the date in both calendars',
    args: () => ['check', 'samples', '--lang', 'ja'],
    status: 1,
    check: (r) => assert.match(r.stdout, /medical-security\.md:\d+:5: 警告 planned-coverage: 必須の管理策 BL-PR-02「[^」]+」は、2027-04-01\(令和9年4月1日\)に施行される対策 MD-PR-11/),
  },
  {
    name: 'a control left uncovered in part of the scope: uncovered-control names the values left, JSON gives uncoveredScope',
    args: () => ['check', withoutOpenMeasure(), '--format', 'json', '--lang', 'en'],
    status: 1,
    check: (r) => {
      const e = sector(r, 'electricity');
      assert.deepEqual(e.uncoveredScope, { 'BL-PR-15': { network: ['open'] } });
      const all = (JSON.parse(r.stdout) as { files: { diagnostics: { code: string; control?: string; message: string }[] }[] }).files.flatMap((f) => f.diagnostics);
      const d = all.find((x) => x.code === 'uncovered-control' && x.control === 'BL-PR-15');
      assert.match(d?.message ?? '', /neither covered nor exempted in network=open of sector/);
    },
  },
  {
    name: 'HTML matrix: a control met in part of the scope is a partial cell saying where; a planned one is marked',
    args: () => ['check', withoutOpenMeasure(), '--format', 'html', '--lang', 'ja'],
    status: 1,
    check: (r) => {
      const row = (id: string) => r.stdout.slice(r.stdout.indexOf(`<span class="mono">${id}</span>`, r.stdout.indexOf('<section id="matrix">')));
      assert.match(row('BL-PR-15'), /^[^]*?<td class="cell uncovered partial" title="未対応 — network=open: 未対応 · network=closed: 適用除外/);
      assert.match(row('BL-PR-02'), /<td class="cell unsound planned" title="[^"]*施行前: 2027-04-01 \/ 令和9年4月1日 から施行/);
    },
  },
  {
    name: 'a date that is not on the calendar: exit 2 with a message',
    args: () => ['check', 'samples', '--as-of', '2027-02-30', '--lang', 'en'],
    status: 2,
    check: (r) => assert.match(r.stderr, /--as-of needs a date in the form YYYY-MM-DD \(got 2027-02-30\)/),
  },
  {
    name: 'a date in another form: exit 2 with a Japanese message under --lang ja',
    args: () => ['check', 'samples', '--as-of', '令和9年4月1日', '--lang', 'ja'],
    status: 2,
    check: (r) => assert.match(r.stderr, /--as-of には日付を YYYY-MM-DD の形で指定してください/),
  },
];

describe('kijun check: applicability and effective dates', () => {
  for (const c of CASES) {
    it(`${c.name} (spawned)`, () => {
      const r = spawnKijun(c.args());
      assert.equal(r.status, c.status, r.stderr);
      c.check(r);
    });
    it(`${c.name} (in process)`, async () => {
      const r = await inProcess(c.args());
      assert.equal(r.status, c.status, r.stderr);
      c.check(r);
    });
  }
});
