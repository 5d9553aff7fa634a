// Neovim (headless) as a second, independent LSP client over stdio, set up with exactly the
// snippet the README gives (so the README cannot drift from what works).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, cpSync } from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../helpers/tmp.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const hasNvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;
const SERVER_PLACEHOLDER = '/path/to/kijun/bin/kijun-language-server.cjs';

/** The Lua block that follows the README's "runs exactly this snippet" comment. */
function readmeSnippet(readme: string): string {
  const text = readFileSync(path.join(ROOT, readme), 'utf8');
  const match = /<!-- The test suite runs exactly this snippet in headless Neovim[^>]*-->\n```lua\n([\s\S]*?)\n```/.exec(text);
  assert.ok(match, `${readme} has no tested Neovim snippet`);
  return match[1];
}

describe('Neovim as an LSP client', function () {
  it('the English and Japanese READMEs give the same Neovim set-up', () => {
    assert.equal(readmeSnippet('README.ja.md'), readmeSnippet('README.md'));
    assert.ok(readmeSnippet('README.md').includes(SERVER_PLACEHOLDER));
  });

  describe('with the README set-up', function () {
    before(function () {
      if (!hasNvim) {
        // CI installs Neovim (.ci/run); elsewhere say plainly that this client was not exercised.
        console.warn('    ! nvim not found: the Neovim client test did NOT run (apt-get install neovim)');
        this.skip();
      }
    });

    it('attaches every buffer of the kijun.yaml folder to one server: diagnostics, hover, a second buffer', function () {
      const dir = tempDir('kijun-nvim-');
      cpSync(path.join(ROOT, 'test/fixtures/basic'), dir, { recursive: true });
      const file = path.join(dir, 'standards/electricity.md');
      const out = path.join(dir, 'nvim-result.json');
      const setup = path.join(tempDir('kijun-nvim-setup-'), 'kijun.lua');
      writeFileSync(setup, readmeSnippet('README.md').replace(SERVER_PLACEHOLDER, path.join(ROOT, 'bin/kijun-language-server.cjs')));
      const text = readFileSync(file, 'utf8').split('\n');
      const hoverLine = text.findIndex((l) => l.startsWith('Covers: BL-PR-01'));
      // Started elsewhere: the workspace must come from kijun.yaml, not from the current directory.
      const r = spawnSync('nvim', ['--headless', '--clean', '-c', `luafile ${path.join(ROOT, 'test/nvim/client.lua')}`], {
        encoding: 'utf8', timeout: 60000, cwd: tempDir('kijun-nvim-cwd-'),
        env: { ...process.env, KIJUN_SETUP: setup, KIJUN_FILE: file, KIJUN_SECOND_FILE: path.join(dir, 'baseline/catalog.yaml'), KIJUN_NVIM_OUT: out, KIJUN_HOVER_LINE: String(hoverLine), KIJUN_HOVER_CHAR: '10' },
      });
      let result: { diagnostics: { code: string; lnum: number }[]; hover: string; error: string; clients: number; second_attached: boolean; root: string };
      try {
        result = JSON.parse(readFileSync(out, 'utf8'));
      } catch {
        assert.fail(`Neovim wrote no result (status ${r.status}): ${r.stderr}${r.stdout}`);
      }
      assert.equal(result.error, '');
      assert.ok(result.diagnostics.some((d) => d.code === 'uncovered-control' && d.lnum === 3));
      assert.match(result.hover, /\*\*BL-PR-01\*\* Multi-factor authentication/);
      assert.equal(result.root, dir);
      assert.equal(result.second_attached, true);
      assert.equal(result.clients, 1);
    });
  });
});
