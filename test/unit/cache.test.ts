// The extraction cache must never serve a stale result.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, cpSync, readdirSync, utimesSync, mkdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fastLoader } from '../../server/src/node/fastLoader.js';
import { pruneCacheFolder, CACHE_LIMITS } from '../../server/src/node/cachePrune.js';
import { loadWorkspace } from '../../server/src/core/workspace.js';
import { nodeFs, toPosix } from '../../server/src/node/nodeFs.js';
import { tempDir } from '../helpers/tmp.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

function workspace(): string {
  const dir = tempDir('kijun-cache-');
  cpSync(path.join(ROOT, 'test/fixtures/basic'), dir, { recursive: true });
  return toPosix(dir);
}

function check(dir: string, cacheHome: string, extra: string[] = []): { status: number; json: { files: { path: string; diagnostics: { code: string }[] }[]; coverage: { uncovered: string[] }[] } } {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/kijun.cjs'), 'check', '--format', 'json', ...extra], {
    cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH, XDG_CACHE_HOME: cacheHome, KIJUN_TODAY: '2026-11-24' },
  });
  return { status: r.status ?? -1, json: JSON.parse(r.stdout) };
}

describe('extraction cache', () => {
  it('gives the same report warm as cold, and follows every change to a file, the catalog or kijun.yaml', () => {
    const dir = workspace();
    const cache = tempDir('kijun-cache-home-');
    const cold = check(dir, cache, ['--no-cache']);
    assert.deepEqual(check(dir, cache).json, cold.json, 'first cached run');
    assert.deepEqual(check(dir, cache).json, cold.json, 'warm run');

    const standard = path.join(dir, 'standards/electricity.md');
    // Same length, different content: a size- or time-based cache would miss this.
    writeFileSync(standard, readFileSync(standard, 'utf8').replace('Covers: BL-PR-01', 'Covers: BL-PR-05'));
    assert.deepEqual(check(dir, cache).json.coverage[0].uncovered, ['BL-PR-01']);

    const catalog = path.join(dir, 'baseline/catalog.yaml');
    writeFileSync(catalog, readFileSync(catalog, 'utf8').replace('level: 2', 'level: 1'));
    assert.deepEqual(check(dir, cache).json.coverage[0].uncovered, ['BL-PR-01', 'BL-RC-02']);

    writeFileSync(standard, readFileSync(standard, 'utf8') + `\n${'本文。'.repeat(1000)}\n`);
    assert.deepEqual(check(dir, cache).json.coverage[0].uncovered, ['BL-PR-01', 'BL-RC-02']);
    writeFileSync(path.join(dir, 'kijun.yaml'), 'catalogs: [baseline/*.yaml]\nstandards: [standards/**/*.md]\nmaxFileSize: 2500\n');
    const limited = check(dir, cache).json;
    const skipped = limited.files.find((f) => f.path === 'standards/electricity.md');
    assert.deepEqual(skipped?.diagnostics.map((d) => d.code), ['syntax'], 'the new size limit skips the standard');
  });

  it('never reuses entries written by another build', async () => {
    const dir = workspace();
    const cacheFile = path.join(tempDir('kijun-cache-file-'), 'c.json');
    const load = (buildId: string) => loadWorkspace(nodeFs, { root: dir, configPath: `${dir}/kijun.yaml`, today: '2026-11-24', loader: fastLoader({ buildId, cacheFile }) });
    await load('build-a');
    const data = JSON.parse(readFileSync(cacheFile, 'utf8')) as { entries: [string, { findings: unknown[] } | null][] };
    for (const [, analysis] of data.entries) analysis?.findings.push({ code: 'syntax', message: 'planted', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
    writeFileSync(cacheFile, JSON.stringify(data));
    const planted = (l: Awaited<ReturnType<typeof load>>) => [...l.analysis.findings.values()].flat().some((f) => (f.message as string) === 'planted');
    assert.ok(planted(await load('build-a')), 'the same build reads its cache');
    assert.ok(!planted(await load('build-b')), 'another build ignores it');
  });

  it('treats entries of the right keys but the wrong shape as misses and overwrites them', () => {
    const dir = workspace();
    const cache = tempDir('kijun-cache-home-');
    const cold = check(dir, cache, ['--no-cache']);
    check(dir, cache);
    const [name] = readdirSync(path.join(cache, 'kijun'));
    const cacheFile = path.join(cache, 'kijun', name);
    const data = JSON.parse(readFileSync(cacheFile, 'utf8')) as { entries: [string, unknown][] };
    const wrong = [
      { path: 'x', findings: 'none', eol: '\n' },
      { path: 'x', findings: [{ code: 'syntax', message: 'syntax' }], eol: '\n' },
      { path: 'x', findings: [], eol: '\n', model: { kind: 'standard', format: 'markdown', level: 1, exemptions: [], measures: 5 } },
      { path: 'x', findings: [], eol: '\n', model: { kind: 'catalog', id: 'jp-ci-baseline', version: '2026.1', controls: [{ id: 'BL-PR-01' }] } },
    ];
    assert.ok(data.entries.length >= 2);
    data.entries = data.entries.map(([key], i) => [key, wrong[i % wrong.length]]);
    writeFileSync(cacheFile, JSON.stringify(data));
    const warm = check(dir, cache);
    assert.equal(warm.status, cold.status);
    assert.deepEqual(warm.json, cold.json);
    const rewritten = JSON.parse(readFileSync(cacheFile, 'utf8')) as { entries: [string, { eol?: unknown }][] };
    assert.deepEqual(rewritten.entries.map(([key]) => key).sort(), data.entries.map(([key]) => key).sort(), 'the same keys, written again');
    assert.ok(!JSON.stringify(rewritten).includes('"none"') && rewritten.entries.every(([, a]) => a === null || typeof a.eol === 'string'), 'with good entries');
    for (const text of ['{"entries": 5}', '{"entries": [[1, 2], ["k"]]}', 'null', '[]']) {
      writeFileSync(cacheFile, text);
      assert.deepEqual(check(dir, cache).json, cold.json, text);
    }
  });

  it('keeps the cache folder bounded: a check drops files unused for 30 days and the oldest beyond 20 MB', () => {
    const dir = workspace();
    const cache = tempDir('kijun-cache-home-');
    const folder = path.join(cache, 'kijun');
    mkdirSync(folder, { recursive: true });
    const day = 24 * 60 * 60;
    const now = Date.now() / 1000;
    const put = (name: string, bytes: number, daysAgo: number) => {
      writeFileSync(path.join(folder, name), Buffer.alloc(bytes, 32));
      utimesSync(path.join(folder, name), now - daysAgo * day, now - daysAgo * day);
    };
    put('00000000000000aa.json', 1000, 31); // unused for 31 days
    put('00000000000000bb.json', 1000, 29);
    put('00000000000000cc.json', 12 * 1024 * 1024, 2);
    put('00000000000000dd.json', 12 * 1024 * 1024, 3); // the older of two that overflow 20 MB
    put('notes.txt', 10, 400); // not a cache file: never touched
    check(dir, cache);
    const left = readdirSync(folder).sort();
    const written = left.filter((n) => !['00000000000000bb.json', '00000000000000cc.json', 'notes.txt'].includes(n));
    assert.deepEqual(left.filter((n) => !written.includes(n)), ['00000000000000bb.json', '00000000000000cc.json', 'notes.txt']);
    assert.equal(written.length, 1, 'the workspace\'s own cache file, just written');
    assert.ok(left.reduce((n, f) => n + statSync(path.join(folder, f)).size, 0) <= CACHE_LIMITS.maxBytes);
  });

  it('never removes the file just written, even when it alone is over the limit', () => {
    const folder = tempDir('kijun-cache-prune-');
    const keep = path.join(folder, '0123456789abcdef.json');
    writeFileSync(keep, 'x'.repeat(100));
    writeFileSync(path.join(folder, 'fedcba9876543210.json'), 'y'.repeat(10));
    writeFileSync(path.join(folder, 'fedcba9876543210.json.123.tmp'), 'z');
    const old = Date.now() / 1000 - 2 * 60 * 60;
    utimesSync(path.join(folder, 'fedcba9876543210.json.123.tmp'), old, old);
    pruneCacheFolder(folder, keep, { maxBytes: 50, maxAgeMs: CACHE_LIMITS.maxAgeMs });
    assert.deepEqual(readdirSync(folder), ['0123456789abcdef.json']);
  });
});
