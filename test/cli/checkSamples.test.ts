// `npm run check:samples` (scripts/check-samples.mjs): green only when the checker ran and found
// what the samples hold; a failed build, a crash or an unusable workspace is red, with a reason.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../helpers/tmp.js';
import { ROOT } from '../helpers/cli.js';

const SCRIPT = path.join(ROOT, 'scripts/check-samples.mjs');

function checkSamples(args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH, KIJUN_TODAY: '2026-11-24' } });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function script(body: string): string {
  const file = path.join(tempDir('kijun-check-samples-'), 'script.cjs');
  writeFileSync(file, body);
  return file;
}

describe('npm run check:samples', () => {
  it('is this script (the README\'s first command)', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    assert.equal(pkg.scripts['check:samples'], 'node scripts/check-samples.mjs');
  });

  it('passes on the samples (checker exit 1 with findings) and streams the report', () => {
    const r = checkSamples(['--no-build']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^samples\/standards\/\S+:\d+:\d+: /m);
    assert.match(r.stdout, /^エラー [1-9]\d* 件、警告 \d+ 件/m);
  });

  it('fails when the checker crashes (an uncaught error also exits 1)', () => {
    const r = checkSamples(['--no-build', '--bin', script('throw new Error("boom");\n')]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /boom/);
    assert.equal(r.stderr.trim().split('\n').at(-1), 'check:samples: the checker exited 1 without a report of findings (a crash?)');
  });

  it('fails when the checker exits 1 but reports no finding', () => {
    const r = checkSamples(['--no-build', '--bin', script('console.log("\\n0 errors, 0 warnings in 3 files"); process.exit(1);\n')]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /without a report of findings/);
  });

  it('fails when the workspace cannot be checked (checker exit 2)', () => {
    const dir = tempDir('kijun-check-samples-empty-');
    mkdirSync(path.join(dir, 'standards'));
    writeFileSync(path.join(dir, 'standards/a.md'), '# nothing\n');
    const r = checkSamples(['--no-build', dir]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^check:samples: the checker exited 2, not 0 or 1 with findings$/m);
  });

  it('fails when the build fails, without running the checker', () => {
    const r = checkSamples(['--build', script('process.exit(3);\n'), '--bin', script('console.log("ran");\n')]);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^check:samples: the build failed \(.*script\.cjs exited 3\)$/m);
  });

  it('passes when the checker finds nothing (exit 0)', () => {
    const r = checkSamples(['--no-build', '--bin', script('console.log("0 errors, 0 warnings in 1 file");\n')]);
    assert.equal(r.status, 0);
  });
});
