// `kijun check` on standards numbered as real ones are (PRODUCT.md §5.1): the shipped bundle and
// the in-process checker give the same labels, coverage and findings.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../helpers/tmp.js';
import { spawnKijun, inProcess, type Result } from '../helpers/cli.js';
import { CATALOG } from '../helpers/memoryWorkspace.js';

interface Json {
  files: { path: string; diagnostics: { code: string; severity: string; control?: string; range: { start: { line: number } } }[] }[];
  coverage: { sector: string; covered: number; uncovered: string[]; controls?: { control: string; measures: string[] }[] }[];
}

function workspace(config: string, files: Record<string, string>): string {
  const dir = tempDir('kijun-cli-labels-');
  mkdirSync(path.join(dir, 'standards'));
  writeFileSync(path.join(dir, 'kijun.yaml'), `catalogs: [catalog.yaml]\nstandards: [standards/*.md, standards/*.yaml]\n${config}`);
  writeFileSync(path.join(dir, 'catalog.yaml'), CATALOG);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, 'standards', name), text);
  return dir;
}

const front = (sector: string, extra = '') => `---\nkind: standard\nsector: ${sector}\nbaseline: jp-ci-baseline@2026.1\n${extra}---\n`;

async function both(dir: string, args: string[]): Promise<Result[]> {
  return [spawnKijun(args, dir), await inProcess(args, dir)];
}

describe('kijun check on labelled standards', () => {
  it('article, clause and pattern labels are measure ids in the JSON, from the bundle and in process alike', async () => {
    const dir = workspace('measureLabels: [article, number, "Art\\\\. (\\\\d+)"]\n', {
      'port.md': `${front('port')}## 第1条 多要素認証\n対応：ＢＬ－ＰＲ－０１\n## 第十二条 経営層\n対応: BL-GV-01・BL-PR-05\n`,
      'water.md': `${front('water')}## 2.1.1⑤ 多要素認証\n対応: BL-PR-01\n## Art. 7 Governance\nCovers: BL-GV-01, BL-PR-05\n`,
    });
    const [spawned, local] = await both(dir, ['check', '--format', 'json']);
    assert.equal(spawned.stdout, local.stdout);
    assert.equal(spawned.status, 0, spawned.stderr + spawned.stdout);
    const json = JSON.parse(spawned.stdout) as Json;
    for (const c of json.coverage) assert.deepEqual(c.uncovered, [], c.sector);
    const measures = (sector: string) => json.coverage.find((c) => c.sector === sector)?.controls?.flatMap((c) => c.measures).sort();
    if (json.coverage[0].controls) {
      assert.deepEqual(measures('port'), ['第1条', '第十二条', '第十二条']);
      assert.deepEqual(measures('water'), ['2.1.1⑤', '7', '7']);
    }
  });

  it('markers that cover nothing are warnings at their place, and the control stays uncovered (exit 1)', async () => {
    const dir = workspace('', {
      'port.md': `${front('port')}## 第1条 x\n対応: BL-PR-01、BLーGVー01\n## 定義ファイル\n対応: BL-PR-05\n`,
    });
    const [spawned, local] = await both(dir, ['check', '--format', 'json']);
    assert.equal(spawned.stdout, local.stdout);
    assert.equal(spawned.status, 1);
    const d = (JSON.parse(spawned.stdout) as Json).files.flatMap((f) => f.diagnostics).filter((x) => x.code !== 'csf-gap');
    assert.deepEqual(d.map((x) => [x.code, x.severity, x.range.start.line]).sort(), [
      ['marker-syntax', 'warning', 6],
      ['orphan-marker', 'warning', 8],
      ['uncovered-control', 'error', 3],
      ['uncovered-control', 'error', 3],
    ]);
    const text = spawnKijun(['check', '--lang', 'ja'], dir);
    assert.match(text.stdout, /standards\/port\.md:9:1: 警告 orphan-marker: /);
    assert.match(text.stdout, /standards\/port\.md:7:\d+: 警告 marker-syntax: 対応マーカーの「BLーGVー01」/);
  });

  it('a kijun.yaml label pattern that would backtrack is refused with its place (exit 2), never a hang', async () => {
    const dir = workspace('measureLabels: [article, "(\\\\d+)+$"]\n', { 'port.md': `${front('port')}## 第1条 x\n` });
    const [spawned, local] = await both(dir, ['check']);
    assert.equal(spawned.status, local.status);
    assert.equal(spawned.status, 2, spawned.stdout + spawned.stderr);
    assert.match(spawned.stderr + spawned.stdout, /kijun\.yaml:3:\d+: .*measureLabels/);
  });
});
