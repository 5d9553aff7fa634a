import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../helpers/tmp.js';
import { spawnKijun } from '../helpers/cli.js';
import { CATALOG } from '../helpers/memoryWorkspace.js';

const PORT = `---
kind: standard
sector: port
title: 港湾分野の安全基準
baseline: jp-ci-baseline@2026.1
level: 1
---
# 港湾分野の安全基準

## PT-GV-01 経営層の責任
対応: BL-GV-01

経営層はサイバーリスクに責任を負う。

## PT-PR-01 遠隔保守
荷役機械の遠隔保守には多要素認証を用いること。

## PT-PR-02 定義ファイル
マルウェア対策ソフトの定義ファイルを毎日更新すること。
`;

function workspace(): string {
  const dir = tempDir('kijun-suggest-');
  mkdirSync(path.join(dir, 'baseline'));
  mkdirSync(path.join(dir, 'standards'));
  writeFileSync(path.join(dir, 'kijun.yaml'), 'catalogs: [baseline/*.yaml]\nstandards: [standards/**/*.md]\n');
  writeFileSync(path.join(dir, 'baseline/catalog.yaml'), CATALOG);
  writeFileSync(path.join(dir, 'standards/port.md'), PORT);
  return dir;
}

describe('kijun suggest (spawned bundle)', () => {
  it('prints the JSON of PRODUCT.md §5.5: suggestions per measure, candidates per uncovered control', () => {
    const dir = workspace();
    const r = spawnKijun(['suggest', '--format', 'json'], dir);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.version, 1);
    const byId = new Map(out.measures.map((m: { measure: string }) => [m.measure, m]));
    assert.deepEqual(byId.get('PT-PR-01'), {
      sector: 'port', measure: 'PT-PR-01', path: 'standards/port.md', line: 14, covers: [],
      suggestions: (byId.get('PT-PR-01') as { suggestions: unknown[] }).suggestions,
    });
    const pr01 = byId.get('PT-PR-01') as { suggestions: { control: string; score: number }[] };
    assert.equal(pr01.suggestions[0].control, 'BL-PR-01');
    for (const m of out.measures) {
      const scores = m.suggestions.map((s: { score: number }) => s.score);
      assert.deepEqual(scores, [...scores].sort((a, b) => b - a), 'high to low');
      for (const s of scores) assert.ok(s >= 0 && s <= 1);
      assert.ok(!m.suggestions.some((s: { control: string }) => m.covers.includes(s.control)), 'never what it already names');
    }
    assert.ok(!(byId.get('PT-GV-01') as { suggestions: { control: string }[] }).suggestions.some((s) => s.control === 'BL-RC-02'), 'a level-2 control is not required at level 1');
    const pr05 = out.uncovered.find((u: { control: string }) => u.control === 'BL-PR-05');
    assert.deepEqual(pr05.suggestions[0], { measure: 'PT-PR-02', path: 'standards/port.md', line: 17, score: pr05.suggestions[0].score });
    assert.equal(readFileSync(path.join(dir, 'standards/port.md'), 'utf8'), PORT, 'suggest writes nothing');
    // Deterministic: a second run prints the same bytes.
    assert.equal(spawnKijun(['suggest', '--format', 'json'], dir).stdout, r.stdout);
  });

  it('prints text in both languages with the shared words, and honours --top', () => {
    const dir = workspace();
    const ja = spawnKijun(['suggest', '--lang', 'ja', '--top', '1'], dir);
    assert.equal(ja.status, 0, ja.stderr);
    assert.match(ja.stdout, /港湾 \(port\)/);
    assert.match(ja.stdout, /PT-PR-01 遠隔保守 {2}\(standards\/port\.md:15\) {2}対応: なし\n {6}\d\.\d\d {2}BL-PR-01 多要素認証 {2}\[共通語: 多要素認証/);
    assert.match(ja.stdout, /未対応の管理策とその候補\n[\s\S]*\n {4}BL-PR-05 定義ファイルの更新\n {6}\d\.\d\d {2}PT-PR-02 定義ファイル/);
    const en = spawnKijun(['suggest', '--lang', 'en', '--top', '1', 'standards/port.md'], dir);
    assert.equal(en.status, 0, en.stderr);
    assert.match(en.stdout, /Suggested controls by measure/);
    assert.match(en.stdout, /BL-PR-01 Multi-factor authentication {2}\[shared: /);
    assert.match(en.stdout, /Uncovered controls and candidate measures/);
    assert.equal(en.stdout.match(/^ {6}\d\.\d\d/gm)?.length, 4, 'one suggestion for each of the 2 measures that share words with a control, one candidate for each of the 2 uncovered controls');
  });

  it('exits 2 when it cannot run', () => {
    const dir = workspace();
    assert.equal(spawnKijun(['suggest', '--top', '0'], dir).status, 2);
    assert.equal(spawnKijun(['suggest', '--format', 'sarif'], dir).status, 2);
    assert.equal(spawnKijun(['suggest', 'nowhere'], dir).status, 2);
    const empty = tempDir('kijun-suggest-empty-');
    const r = spawnKijun(['suggest'], empty);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /No catalog/);
  });
});
