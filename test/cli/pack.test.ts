// The route docs/reports.md recommends for CI: `npm pack` (or the registry), install into a
// project of standards, `npx kijun check`. The package must carry its bundles and need nothing
// else, so the install works offline and pulls no dependency.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../helpers/tmp.js';
import { ROOT } from '../helpers/cli.js';

function npm(args: string[], cwd: string): { status: number; stdout: string; stderr: string } {
  // npm_config_* variables of an outer `npm test` (user agent, prefix) must not steer these runs.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')));
  const r = spawnSync('npm', args, { cwd, encoding: 'utf8', timeout: 240_000, env: { ...env, KIJUN_TODAY: '2026-11-24' } });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('the npm package', function () {
  this.timeout(300_000);
  let project: string;
  let files: string[];

  before(() => {
    const dest = tempDir('kijun-pack-');
    const packed = npm(['pack', '--json', '--pack-destination', dest], ROOT);
    assert.equal(packed.status, 0, packed.stderr);
    files = (JSON.parse(packed.stdout) as { files: { path: string }[] }[])[0].files.map((f) => f.path);
    const tarball = path.join(dest, readdirSync(dest).find((f) => f.endsWith('.tgz')) as string);
    project = tempDir('kijun-consumer-');
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'standards', version: '1.0.0', private: true }));
    const installed = npm(['install', '--offline', '--no-audit', '--no-fund', '--save-dev', tarball], project);
    assert.equal(installed.status, 0, installed.stderr);
  });

  // prepack wrote minified production bundles into out/; the tests after this one read the
  // development build (with source maps, unminified for the bundle checks), so put it back.
  after(() => {
    const rebuilt = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(rebuilt.status, 0, rebuilt.stderr);
  });

  it('carries the bundles, schemas and rule pages, and nothing of the sources or tests', () => {
    for (const f of ['bin/kijun.cjs', 'bin/kijun-language-server.cjs', 'out/cli.cjs', 'out/worker.cjs', 'out/server.cjs', 'schemas/standard.schema.json', 'docs/rules/uncovered-control.md']) {
      assert.ok(files.includes(f), f);
    }
    assert.deepEqual(files.filter((f) => /^(test|server|client|bench)\//.test(f) || f.endsWith('.map')), []);
  });

  it('installs with no dependency at all (offline), and npx kijun checks the samples: exit 1 with findings', () => {
    assert.deepEqual(readdirSync(path.join(project, 'node_modules')).filter((d) => !d.startsWith('.')), ['kijun']);
    const r = npm(['exec', '--no', '--', 'kijun', 'check', path.join(ROOT, 'samples')], project);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /uncovered-control/);
  });

  it('npx kijun check exits 0 on a clean workspace, and the language server binary starts', () => {
    const r = npm(['exec', '--no', '--', 'kijun', 'check', path.join(ROOT, 'test/fixtures/clean')], project);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const server = spawnSync(path.join(project, 'node_modules/.bin/kijun-language-server'), ['--stdio'], { input: '', encoding: 'utf8', timeout: 30_000 });
    assert.equal(server.error, undefined);
  });
});

describe('the GitHub Actions workflow users copy', () => {
  it('docs/ci/kijun.yml is the workflow docs/reports.md shows, and parses', async () => {
    const { readFileSync } = await import('node:fs');
    const { parse } = await import('yaml');
    const file = readFileSync(path.join(ROOT, 'docs/ci/kijun.yml'), 'utf8');
    const doc = readFileSync(path.join(ROOT, 'docs/reports.md'), 'utf8');
    assert.ok(doc.includes(file.trimEnd()), 'docs/reports.md shows the same workflow');
    const workflow = parse(file) as { jobs: { check: { steps: { run?: string }[] } } };
    const runs = workflow.jobs.check.steps.map((s) => s.run ?? '').join('\n');
    assert.match(runs, /npx --no-install kijun check --format sarif/);
  });
});
