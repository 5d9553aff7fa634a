// Security checks (issue 7): no network, no reading outside an untrusted workspace, no workspace
// content executed. HTML report escaping and CSP are tested in test/unit/formats.test.ts.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { memoryFs } from '../helpers/memoryWorkspace.js';
import { loadWorkspace, type WorkspaceFs } from '../../server/src/core/workspace.js';
import { WorkspaceIndex } from '../../server/src/core/workspaceIndex.js';
import { formatMessage } from '../../server/src/core/messages.js';
import { CATALOG } from '../helpers/memoryWorkspace.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => path.join(ROOT, dir, f));
}

const NETWORK_MODULE = /(?:from\s+|require\(\s*|import\(\s*)['"](?:node:)?(?:https?|http2|net|tls|dgram|undici)['"]/;

describe('security: no network, no executed workspace content', () => {
  for (const file of [...sources('server/src'), ...sources('client/src')]) {
    const rel = path.relative(ROOT, file);
    it(`${rel}: no network module, fetch, eval, new Function or dynamic require`, () => {
      const text = readFileSync(file, 'utf8');
      assert.doesNotMatch(text, NETWORK_MODULE);
      assert.doesNotMatch(text, /\bfetch\(|XMLHttpRequest|WebSocket/);
      assert.doesNotMatch(text, /\beval\(|new Function\b/);
      // No require of a computed path: nothing is loaded by a name a workspace could influence.
      for (const m of text.matchAll(/\brequire\(([^)'"]*)\)/g)) assert.fail(`${rel}: computed require(${m[1]}) (the extension host runs no checker code; it asks the server)`);
    });
  }

  for (const bundle of ['server.cjs', 'extension.cjs', 'cli.cjs', 'worker.cjs']) {
    it(`out/${bundle}: no http, https, tls or fetch; code generation only in ajv's compiler of the bundled schemas`, () => {
      const text = readFileSync(path.join(ROOT, 'out', bundle), 'utf8');
      // `net` stays: vscode-languageserver/-client use it for local pipes and sockets, never to fetch.
      assert.doesNotMatch(text, /require\("(?:node:)?(?:https?|http2|tls|dgram|undici)"\)/);
      assert.doesNotMatch(text, /\bfetch\(/);
      assert.doesNotMatch(text, /\beval\(/);
      const generated = [...text.matchAll(/new Function\(/g)].length;
      assert.ok(generated <= 1, `${generated} new Function`);
      if (generated === 1) assert.match(text, /const makeValidate = new Function\(/);
    });
  }
});

/** A memory file system that records every path asked for. */
function recordingFs(files: Record<string, string>): { fs: WorkspaceFs; touched: string[] } {
  const inner = memoryFs(files);
  const touched: string[] = [];
  return {
    touched,
    fs: {
      readFile: (p) => (touched.push(p), inner.readFile(p)),
      stat: (p) => (touched.push(p), inner.stat(p)),
      listFiles: (d) => (touched.push(d), inner.listFiles(d)),
    },
  };
}

const OUTSIDE = {
  '/secret/catalog.json': '{"catalog": {"uuid": "x", "metadata": {"title": "secret"}}}',
  '/secret/profile.yaml': 'profile: { imports: [] }\n',
  '/etc/passwd': 'root:x:0:0\n',
};

const CONFIG = `oscal:
  - path: ../secret/catalog.json
    levels:
      profiles: { "1": ../secret/profile.yaml }
  - path: ../../../etc/passwd
catalogs: ["../secret/*.yaml", "/etc/*"]
`;

describe('security: paths outside the workspace', () => {
  it('an untrusted language server refuses configured paths outside the workspace, with located findings in kijun.yaml, and reads nothing there', async () => {
    const { fs, touched } = recordingFs({ '/ws/kijun.yaml': CONFIG, '/ws/catalog.yaml': CATALOG, ...OUTSIDE });
    const index = new WorkspaceIndex(fs, { root: '/ws', configPath: '/ws/kijun.yaml', today: () => '2026-11-24', confined: true });
    await index.loadAll();
    assert.deepEqual(touched.filter((p) => !p.startsWith('/ws')), []);
    const refused = index.configFindings.filter((f) => f.message === 'pathOutsideWorkspace');
    assert.deepEqual(refused.map((f) => [f.args?.path, f.range.start.line]), [['../secret/catalog.json', 1], ['../../../etc/passwd', 4]]);
    assert.match(formatMessage('pathOutsideWorkspace', refused[0].args, 'ja'), /ワークスペースの外/);
  });

  it('the CLI follows its explicit configuration outside the workspace (the user asked for it)', async () => {
    const { fs, touched } = recordingFs({ '/ws/kijun.yaml': CONFIG, '/ws/catalog.yaml': CATALOG, ...OUTSIDE });
    await loadWorkspace(fs, { root: '/ws', configPath: '/ws/kijun.yaml', today: '2026-11-24' });
    assert.ok(touched.includes('/secret/profile.yaml'));
  });

  it('catalog and standard globs only ever match files listed under the workspace root', async () => {
    const { fs, touched } = recordingFs({ '/ws/kijun.yaml': 'catalogs: ["../secret/*.yaml", "/etc/*", "**/*.yaml"]\n', '/ws/catalog.yaml': CATALOG, ...OUTSIDE });
    const loaded = await loadWorkspace(fs, { root: '/ws', configPath: '/ws/kijun.yaml', today: '2026-11-24' });
    assert.deepEqual(touched.filter((p) => !p.startsWith('/ws')), []);
    assert.deepEqual([...loaded.analysis.files.keys()], ['/ws/catalog.yaml']);
  });
});
