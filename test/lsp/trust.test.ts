// What an untrusted language server may read (issue 13): links out of the workspace, no workspace
// folder at all, and documents whose name does not say their language.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync, symlinkSync, copyFileSync } from 'node:fs';
import * as path from 'node:path';
import { FileChangeType, WorkspaceSymbolRequest, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { tempDir } from '../helpers/tmp.js';
import { LspClient, fileUri } from '../helpers/lspClient.js';
import { CATALOG } from '../helpers/memoryWorkspace.js';

const BASIC = path.resolve(import.meta.dirname, '../fixtures/oscal/content/basic-catalog.json');

/** A profile that selects one control: read, it makes every other control level 2 (not required). */
const PROFILE = JSON.stringify({ profile: { uuid: '11111111-2222-4333-8444-555555555555', metadata: {}, imports: [{ href: '#x', 'include-controls': [{ 'with-ids': ['s1.1.1'] }] }] } });

/** A standard whose only finding is an unknown control: its diagnostics show it was read. */
const SECRET_STANDARD = '---\nkind: standard\nsector: electricity\nbaseline: jp-ci-baseline@2026.1\n---\n## EL-PR-01 秘密\n対応: BL-SECRET-01\n';

const STANDARD = '---\nkind: standard\nsector: electricity\nbaseline: jp-ci-baseline@2026.1\n---\n## EL-PR-01 多要素認証\n対応: BL-PR-01、BL-XX-99\n';

const codes = (d: Diagnostic[]) => d.map((x) => x.code).sort();

/** `<tmp>/ws` (the workspace, with the test catalog) and `<tmp>/outside` beside it. */
function layout(): { ws: string; outside: string } {
  const top = tempDir('kijun-trust-');
  const ws = path.join(top, 'ws');
  const outside = path.join(top, 'outside');
  mkdirSync(path.join(ws, 'standards'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(path.join(ws, 'catalog.yaml'), CATALOG);
  // kijun.yaml makes the folder Kijun's: without it the server reads nothing until a standard is open.
  writeFileSync(path.join(ws, 'kijun.yaml'), 'locale: en\n');
  writeFileSync(path.join(outside, 'secret.md'), SECRET_STANDARD);
  return { ws, outside };
}

describe('language server: what an untrusted workspace may read', function () {
  let client: LspClient;

  afterEach(async () => {
    await client?.stop();
  });

  it('refuses an oscal: profile in kijun.yaml that is a link to a file outside the workspace, with a located finding', async () => {
    const { ws, outside } = layout();
    mkdirSync(path.join(ws, 'oscal'));
    copyFileSync(BASIC, path.join(ws, 'oscal/basic-catalog.json'));
    writeFileSync(path.join(outside, 'x.json'), PROFILE);
    symlinkSync('../../outside/x.json', path.join(ws, 'oscal/levels.json'));
    writeFileSync(path.join(ws, 'kijun.yaml'), 'oscal:\n  - path: oscal/basic-catalog.json\n    levels:\n      profiles: { 1: oscal/levels.json }\n');
    client = new LspClient();
    await client.initialize(ws);
    const config = await client.diagnostics(fileUri(path.join(ws, 'kijun.yaml')));
    assert.deepEqual(config.map((d) => [d.message, d.range.start.line]), [[
      'oscal/levels.json points outside the workspace and is not read (the workspace is not trusted). Trust the workspace or name a path inside it.', 3,
    ]]);
  });

  it('a trusted client follows the same link (explicit configuration)', async () => {
    const { ws, outside } = layout();
    mkdirSync(path.join(ws, 'oscal'));
    copyFileSync(BASIC, path.join(ws, 'oscal/basic-catalog.json'));
    writeFileSync(path.join(outside, 'x.json'), PROFILE);
    symlinkSync('../../outside/x.json', path.join(ws, 'oscal/levels.json'));
    writeFileSync(path.join(ws, 'kijun.yaml'), 'oscal:\n  - path: oscal/basic-catalog.json\n    levels:\n      profiles: { 1: oscal/levels.json }\n');
    writeFileSync(path.join(ws, 'standards/electricity.md'), '---\nkind: standard\nsector: electricity\nbaseline: basic-catalog@1.1\n---\n## EL-GV-01 役割\nCovers: s1.1.1\n');
    client = new LspClient();
    await client.initialize(ws, { trusted: true });
    // The profile makes s1.1.1 the only level-1 control, and the standard covers it.
    assert.deepEqual(codes(await client.diagnostics(fileUri(path.join(ws, 'standards/electricity.md')))), []);
    assert.deepEqual(await client.diagnostics(fileUri(path.join(ws, 'kijun.yaml'))), []);
  });

  it('refuses a standard that is a link out of the workspace, created after start and announced by a watched-file event', async () => {
    const { ws } = layout();
    writeFileSync(path.join(ws, 'standards/electricity.md'), STANDARD);
    client = new LspClient();
    await client.initialize(ws);
    await client.diagnostics(fileUri(path.join(ws, 'standards/electricity.md')));
    const link = path.join(ws, 'standards/leak.md');
    symlinkSync('../../outside/secret.md', link);
    await client.filesChanged([{ uri: fileUri(link), type: FileChangeType.Created }]);
    const d = await client.diagnostics(fileUri(link));
    assert.deepEqual(d.map((x) => [x.code, x.message]), [[
      'syntax', 'This file is a link that points outside the workspace and is not read (the workspace is not trusted). Trust the workspace or replace the link with the file.',
    ]]);
  });

  it('refuses a standard link out of the workspace found while listing; a trusted client reads it', async () => {
    const { ws } = layout();
    symlinkSync('../../outside/secret.md', path.join(ws, 'standards/leak.md'));
    client = new LspClient();
    await client.initialize(ws);
    assert.deepEqual(codes(await client.diagnostics(fileUri(path.join(ws, 'standards/leak.md')))), ['syntax']);
    await client.stop();
    client = new LspClient();
    await client.initialize(ws, { trusted: true });
    assert.ok(codes(await client.diagnostics(fileUri(path.join(ws, 'standards/leak.md')))).includes('unknown-control'));
  });

  it('does not descend into a linked folder while listing (nothing behind it is read or reported)', async () => {
    const { ws, outside } = layout();
    symlinkSync(outside, path.join(ws, 'standards/linked'));
    writeFileSync(path.join(ws, 'standards/electricity.md'), STANDARD);
    client = new LspClient();
    await client.initialize(ws, { trusted: true });
    await client.diagnostics(fileUri(path.join(ws, 'standards/electricity.md')));
    await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: '' });
    assert.deepEqual(client.publishedUris().filter((u) => u.includes('linked') || u.includes('secret')), []);
  });
});

describe('language server without a workspace folder', function () {
  let client: LspClient;

  afterEach(async () => {
    await client?.stop();
  });

  it('serves only the open documents and never crawls its current directory', async () => {
    const cwd = tempDir('kijun-cwd-');
    writeFileSync(path.join(cwd, 'catalog.yaml'), CATALOG);
    writeFileSync(path.join(cwd, 'unrelated.md'), SECRET_STANDARD);
    const open = path.join(tempDir('kijun-single-'), 'electricity.md');
    writeFileSync(open, STANDARD);
    client = new LspClient([], cwd);
    await client.initialize(null);
    await client.open(fileUri(open), STANDARD);
    // Without the catalog no baseline resolves; what matters is that nothing else is reported.
    assert.deepEqual(codes(await client.diagnostics(fileUri(open))), ['unknown-baseline']);
    await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: '' });
    assert.deepEqual(client.publishedUris(), [fileUri(open)]);
  });
});

describe('language server: the editor language decides for documents without an extension', function () {
  let client: LspClient;
  let ws: string;

  beforeEach(async () => {
    ws = layout().ws;
    client = new LspClient();
    await client.initialize(ws);
  });

  afterEach(async () => {
    await client.stop();
  });

  for (const uri of ['untitled:Untitled-1', 'vscode-notebook-cell:/home/u/notes.ipynb#W0sZmlsZQ%3D%3D']) {
    it(`parses ${uri.split(':')[0]} with languageId markdown as Markdown`, async () => {
      await client.open(uri, STANDARD, 'markdown');
      const d = (await client.diagnostics(uri)).filter((x) => x.code !== 'uncovered-control');
      assert.deepEqual(d.map((x) => [x.code, (x.data as { control?: string } | undefined)?.control]), [['unknown-control', 'BL-XX-99']]);
    });
  }
});
