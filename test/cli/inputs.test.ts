// Files that cannot be read as text: the shipped bundle and the in-process checker must give the
// same findings and exit status, and never hang (issue 13).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../helpers/tmp.js';
import { spawnKijun, inProcess, type Result } from '../helpers/cli.js';
import { CATALOG } from '../helpers/memoryWorkspace.js';

const STANDARD = '---\nkind: standard\nsector: electricity\nbaseline: jp-ci-baseline@2026.1\n---\n## EL-PR-01 多要素認証\n対応: BL-PR-01、BL-PR-05、BL-GV-01\n';

/** A configured workspace: catalog and standards named by globs. */
function workspace(): string {
  const dir = tempDir('kijun-inputs-');
  mkdirSync(path.join(dir, 'standards'));
  writeFileSync(path.join(dir, 'kijun.yaml'), 'catalogs: [catalog.yaml]\nstandards: [standards/*.md]\n');
  writeFileSync(path.join(dir, 'catalog.yaml'), CATALOG);
  writeFileSync(path.join(dir, 'standards/electricity.md'), STANDARD);
  return dir;
}

async function both(args: string[], cwd: string): Promise<Result> {
  const spawned = spawnKijun(args, cwd);
  const direct = await inProcess(args, cwd);
  assert.equal(spawned.status, direct.status, `bundle ${spawned.status} vs in-process ${direct.status}: ${spawned.stdout}`);
  assert.equal(spawned.stdout, direct.stdout);
  return spawned;
}

describe('kijun check: files that cannot be read', () => {
  it('a configured standard that is a dangling link: syntax finding and exit 1 from the bundle and in process', async () => {
    const dir = workspace();
    symlinkSync('gone.md', path.join(dir, 'standards/lost.md'));
    const r = await both(['check', '--no-cache'], dir);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^standards\/lost\.md:1:1: error syntax: The file cannot be read: /m);
  });

  it('a named pipe given as a path: a located finding, no hang', async () => {
    const dir = workspace();
    execFileSync('mkfifo', [path.join(dir, 'standards/pipe.md')]);
    const r = await both(['check', 'standards/pipe.md', '--no-cache'], dir);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^standards\/pipe\.md:1:1: error syntax: The file was not read because it is not a regular file/m);
  });

  it('a named pipe found while listing a folder: the same finding', async () => {
    const dir = workspace();
    execFileSync('mkfifo', [path.join(dir, 'standards/pipe.md')]);
    const r = await both(['check', '--no-cache'], dir);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^standards\/pipe\.md:1:1: error syntax: The file was not read because it is not a regular file/m);
  });

  it('a standard linked from inside the workspace is followed by the CLI (its own files)', async () => {
    const dir = workspace();
    const elsewhere = tempDir('kijun-elsewhere-');
    writeFileSync(path.join(elsewhere, 'gas.md'), STANDARD.replace('electricity', 'gas').replace('EL-PR-01', 'GS-PR-01'));
    symlinkSync(path.join(elsewhere, 'gas.md'), path.join(dir, 'standards/gas.md'));
    const r = await both(['check', '--no-cache', '--format', 'json'], dir);
    assert.equal(r.status, 0, r.stdout);
    assert.deepEqual((JSON.parse(r.stdout) as { coverage: { sector: string }[] }).coverage.map((c) => c.sector).sort(), ['electricity', 'gas']);
  });
});
