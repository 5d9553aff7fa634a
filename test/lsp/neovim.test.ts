// Neovim (headless) as a second, independent LSP client over stdio.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, cpSync } from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../helpers/tmp.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const hasNvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;

describe('Neovim as an LSP client', function () {
  before(function () {
    if (!hasNvim) {
      // CI installs Neovim (.ci/run); elsewhere say plainly that this client was not exercised.
      console.warn('    ! nvim not found: the Neovim client test did NOT run (apt-get install neovim)');
      this.skip();
    }
  });

  it('receives the uncovered-control diagnostic and a hover from the server', function () {
    const dir = tempDir('kijun-nvim-');
    cpSync(path.join(ROOT, 'test/fixtures/basic'), dir, { recursive: true });
    const file = path.join(dir, 'standards/electricity.md');
    const out = path.join(dir, 'nvim-result.json');
    const text = readFileSync(file, 'utf8').split('\n');
    const hoverLine = text.findIndex((l) => l.startsWith('Covers: BL-PR-01'));
    const r = spawnSync('nvim', ['--headless', '--clean', '-c', `luafile ${path.join(ROOT, 'test/nvim/client.lua')}`], {
      encoding: 'utf8', timeout: 60000,
      env: { ...process.env, KIJUN_SERVER: path.join(ROOT, 'bin/kijun-language-server.cjs'), KIJUN_ROOT: dir, KIJUN_FILE: file, KIJUN_NVIM_OUT: out, KIJUN_HOVER_LINE: String(hoverLine), KIJUN_HOVER_CHAR: '10' },
    });
    let result: { diagnostics: { code: string; lnum: number }[]; hover: string; error: string };
    try {
      result = JSON.parse(readFileSync(out, 'utf8'));
    } catch {
      assert.fail(`Neovim wrote no result (status ${r.status}): ${r.stderr}${r.stdout}`);
    }
    assert.equal(result.error, '');
    assert.ok(result.diagnostics.some((d) => d.code === 'uncovered-control' && d.lnum === 3));
    assert.match(result.hover, /\*\*BL-PR-01\*\* Multi-factor authentication/);
  });
});
