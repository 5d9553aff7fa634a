// Files that cannot be read as text: the shipped bundle and the in-process checker must give the
// same findings and exit status, and never hang (issue 13).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../helpers/tmp.js';
import { spawnKijun, inProcess, type Result } from '../helpers/cli.js';
import { CATALOG } from '../helpers/memoryWorkspace.js';
import { LspClient, fileUri } from '../helpers/lspClient.js';

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

describe('one loader: the bundle, the in-process checker and the language server agree on unreadable files', function () {
  this.timeout(120_000);

  /** Oversized (over maxFileSize), binary, Shift_JIS, a dangling link and a named pipe, all configured standards; a large valid file makes the bundle use its workers. */
  function hostile(): string {
    const dir = workspace();
    writeFileSync(path.join(dir, 'kijun.yaml'), 'catalogs: [catalog.yaml]\nstandards: [standards/*.md]\nmaxFileSize: 1000000\n');
    writeFileSync(path.join(dir, 'standards/big.md'), `${STANDARD}\n${'あ'.repeat(400_000)}\n`);
    writeFileSync(path.join(dir, 'standards/filler.md'), `${STANDARD.replace('electricity', 'gas')}\n${'本文。\n'.repeat(50_000)}`);
    writeFileSync(path.join(dir, 'standards/binary.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    writeFileSync(path.join(dir, 'standards/sjis.md'), Buffer.concat([Buffer.from('---\nkind: standard\n---\n# '), Buffer.from([0x93, 0xfa, 0x96, 0x7b])]));
    symlinkSync('gone.md', path.join(dir, 'standards/lost.md'));
    execFileSync('mkfifo', [path.join(dir, 'standards/pipe.md')]);
    return dir;
  }

  const NAMES = ['big.md', 'binary.md', 'lost.md', 'pipe.md', 'sjis.md'];

  type Found = Record<string, { code: string; message: string; line: number; character: number }[]>;

  function fromReport(stdout: string): Found {
    const report = JSON.parse(stdout) as { files: { path: string; diagnostics: { code: string; message: string; range: { start: { line: number; character: number } } }[] }[] };
    const out: Found = {};
    for (const f of report.files) {
      const name = path.basename(f.path);
      if (NAMES.includes(name)) out[name] = f.diagnostics.map((d) => ({ code: d.code, message: d.message, line: d.range.start.line, character: d.range.start.character }));
    }
    return out;
  }

  it('the same findings and exit status, with and without the cache and the workers', async () => {
    const dir = hostile();
    const direct = await inProcess(['check', '--format', 'json'], dir);
    const cold = spawnKijun(['check', '--format', 'json'], dir);
    const warm = spawnKijun(['check', '--format', 'json'], dir);
    assert.equal(direct.status, 1);
    assert.deepEqual([cold.status, warm.status], [1, 1]);
    const expected = fromReport(direct.stdout);
    assert.deepEqual(Object.keys(expected).sort(), NAMES, 'every unreadable file has a finding');
    for (const name of NAMES) assert.equal(expected[name][0].code, 'syntax', name);
    assert.deepEqual(fromReport(cold.stdout), expected, 'bundle, first run (workers, no cache)');
    assert.deepEqual(fromReport(warm.stdout), expected, 'bundle, cached run');

    const client = new LspClient();
    try {
      await client.initialize(dir);
      await client.connection.sendRequest('kijun/_settled');
      const served: Found = {};
      for (const name of NAMES) {
        const d = client.lastDiagnostics(fileUri(path.join(dir, 'standards', name))) ?? [];
        served[name] = d.map((x) => ({ code: String(x.code), message: typeof x.message === 'string' ? x.message : x.message.value, line: x.range.start.line, character: x.range.start.character }));
      }
      assert.deepEqual(served, expected, 'language server');
    } finally {
      await client.stop();
    }
  });
});
