// What other editors and their users expect of a language server: fix-all on save, code actions
// for a range without diagnostics, a server name and version.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CodeActionRequest, DidChangeWorkspaceFoldersNotification, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { tempDir } from '../helpers/tmp.js';
import { LspClient, fileUri, applyEdits } from '../helpers/lspClient.js';
import { CATALOG } from '../helpers/memoryWorkspace.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

// BL-PR-09 is withdrawn (successor BL-PR-01), BL-PR-5 has one nearest id, PR.AC-7 one CSF 2.0 id.
const STANDARD = `---
kind: standard
sector: electricity
baseline: jp-ci-baseline@2026.1
---
## EL-PR-01 多要素認証
対応: BL-PR-09
関連: PR.AC-7

## EL-PR-02 定義ファイル
対応: BL-PR-5
`;

function workspace(): string {
  const dir = tempDir('kijun-eco-');
  writeFileSync(path.join(dir, 'kijun.yaml'), 'catalogs: [catalog.yaml]\nstandards: [el.md]\n');
  writeFileSync(path.join(dir, 'catalog.yaml'), CATALOG);
  writeFileSync(path.join(dir, 'el.md'), STANDARD);
  return dir;
}

const at = (line: number, character: number) => ({ line, character });

describe('language server in other editors', function () {
  let client: LspClient;
  let uri: string;
  let diagnostics: Diagnostic[];

  beforeEach(async () => {
    const dir = workspace();
    uri = fileUri(path.join(dir, 'el.md'));
    client = new LspClient();
    await client.initialize(dir);
    await client.open(uri, STANDARD);
    diagnostics = await client.diagnostics(uri, (d) => d.some((x) => x.code === 'withdrawn-control'));
  });

  afterEach(async () => {
    await client.stop();
  });

  async function actions(range: { start: { line: number; character: number }; end: { line: number; character: number } }, context: { diagnostics: Diagnostic[]; only?: string[] }): Promise<CodeAction[]> {
    return (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context })) as CodeAction[];
  }

  for (const only of ['source.fixAll', 'source.fixAll.kijun']) {
    it(`answers ${only} with every safe fix of the document, whatever diagnostics the request carries`, async () => {
      const got = await actions({ start: at(0, 0), end: at(0, 0) }, { diagnostics: [], only: [only] });
      assert.equal(got.length, 1);
      assert.equal(got[0].kind, 'source.fixAll.kijun');
      const fixed = applyEdits(STANDARD, got[0].edit!.changes![uri]);
      assert.equal(fixed, STANDARD.replace('BL-PR-09', 'BL-PR-01').replace('PR.AC-7', 'PR.AA-03').replace('BL-PR-5', 'BL-PR-05'));
    });
  }

  it('gives no quick-fixes to a request for source actions only, and no fix-all to a plain request', async () => {
    const line = { start: at(6, 0), end: at(6, 12) };
    const withdrawn = diagnostics.filter((d) => d.code === 'withdrawn-control');
    assert.deepEqual(await actions(line, { diagnostics: withdrawn, only: ['source.organizeImports'] }), []);
    const plain = await actions(line, { diagnostics: withdrawn });
    assert.ok(plain.length > 0 && plain.every((a) => a.kind === 'quickfix'), JSON.stringify(plain.map((a) => a.kind)));
  });

  it('offers the quick-fixes of a range when the client sends no diagnostics (Neovim range, Helix)', async () => {
    const got = await actions({ start: at(10, 0), end: at(10, 11) }, { diagnostics: [] });
    const fix = got.find((a) => a.edit?.changes?.[uri]?.some((e) => e.newText === 'BL-PR-05'));
    assert.ok(fix, JSON.stringify(got.map((a) => a.title)));
    assert.equal(applyEdits(STANDARD, fix.edit!.changes![uri]), STANDARD.replace('BL-PR-5', 'BL-PR-05'));
    // Nothing of line 7 (the withdrawn id) is offered for a range on line 11.
    assert.ok(!got.some((a) => a.edit?.changes?.[uri]?.some((e) => e.newText === 'BL-PR-01')));
  });
});

describe('language server: the new-standard scaffold as an unsaved document', function () {
  let client: LspClient;

  afterEach(async () => {
    await client.stop();
  });

  for (const locale of ['en', 'ja']) {
    it(`is checked as an untitled document and its front matter is valid YAML (${locale})`, async () => {
      client = new LspClient();
      await client.initialize(workspace());
      await client.connection.sendRequest('kijun/_settled');
      const text = (await client.connection.sendRequest('kijun/scaffold', { catalog: 'jp-ci-baseline@2026.1', sector: 'information-communication', level: 1, locale })) as string;
      const uri = 'untitled:Untitled-1';
      await client.open(uri, `${text}\nCovers: BL-ZZ-99\n`);
      const d = await client.diagnostics(uri, (x) => x.length > 0);
      assert.deepEqual(d.map((x) => x.code), ['unknown-control']);
    });
  }
});

describe('language server in a folder without kijun.yaml', function () {
  let client: LspClient;

  afterEach(async () => {
    await client.stop();
  });

  it('reads nothing of the folder until an open document is a Kijun standard, then finds its catalog and sector', async () => {
    const dir = tempDir('kijun-eco-noconfig-');
    writeFileSync(path.join(dir, 'catalog.yaml'), CATALOG);
    writeFileSync(path.join(dir, 'el.md'), STANDARD);
    const notes = fileUri(path.join(dir, 'notes.md'));
    const draft = fileUri(path.join(dir, 'draft.md'));
    client = new LspClient();
    await client.initialize(dir);
    await client.open(notes, '# Meeting notes\n\nBL-PR-5 came up.\n');
    await client.connection.sendRequest('kijun/_settled');
    // An ordinary Markdown repository: no file of it was read, so none has diagnostics.
    assert.deepEqual(client.publishedUris().filter((u) => client.lastDiagnostics(u)!.length > 0), []);
    const draftText = STANDARD.replace('EL-PR-01', 'EL-PR-03').replace('EL-PR-02', 'EL-PR-04');
    await client.open(draft, draftText);
    // The catalog on disk was found (no unknown-baseline), and the closed standard beside it is checked too.
    const own = await client.diagnostics(draft, (d) => d.some((x) => x.code === 'withdrawn-control'));
    assert.ok(!own.some((x) => x.code === 'unknown-baseline'), JSON.stringify(own.map((x) => x.code)));
    const closed = await client.diagnostics(fileUri(path.join(dir, 'el.md')), (d) => d.length > 0);
    assert.ok(closed.some((x) => x.code === 'withdrawn-control'));
  });
});

describe('language server with several workspace folders', function () {
  let client: LspClient;

  afterEach(async () => {
    await client.stop();
  });

  /** A workspace folder with its own kijun.yaml; the standard leaves BL-PR-05 uncovered. */
  function folder(config: string): { dir: string; uri: string } {
    const dir = workspace();
    writeFileSync(path.join(dir, 'kijun.yaml'), `catalogs: [catalog.yaml]\nstandards: [el.md]\n${config}`);
    return { dir, uri: fileUri(path.join(dir, 'el.md')) };
  }

  const severityOfUncovered = (d: Diagnostic[]) => d.find((x) => x.code === 'uncovered-control')?.severity;
  const hasUncovered = (d: Diagnostic[]) => severityOfUncovered(d) !== undefined;

  it('serves every folder with its own kijun.yaml from one server', async () => {
    const a = folder('rules:\n  uncovered-control: warning\n');
    const b = folder('rules:\n  uncovered-control: info\n');
    client = new LspClient();
    await client.initialize(a.dir, { folders: [a.dir, b.dir] });
    assert.equal(severityOfUncovered(await client.diagnostics(a.uri, hasUncovered)), 2);
    assert.equal(severityOfUncovered(await client.diagnostics(b.uri, hasUncovered)), 3);
    // An edit in one folder is checked under that folder's configuration.
    await client.open(b.uri, STANDARD);
    await client.change(b.uri, [{ text: STANDARD.replace('BL-PR-09', 'BL-PR-01') }]);
    const edited = await client.diagnostics(b.uri, (d) => hasUncovered(d) && !d.some((x) => x.code === 'withdrawn-control'));
    assert.equal(severityOfUncovered(edited), 3);
  });

  it('honours per-folder settings asked with workspace/configuration and scopeUri', async () => {
    const a = folder('');
    const b = folder('');
    client = new LspClient();
    await client.initialize(a.dir, {
      folders: [a.dir, b.dir],
      configuration: (scopeUri) => ({ rules: { 'uncovered-control': scopeUri === fileUri(b.dir) ? 'info' : 'warning' } }),
    });
    assert.equal(severityOfUncovered(await client.diagnostics(a.uri, (d) => severityOfUncovered(d) === 2)), 2);
    assert.equal(severityOfUncovered(await client.diagnostics(b.uri, (d) => severityOfUncovered(d) === 3)), 3);
  });

  it('adds and removes folders on workspace/didChangeWorkspaceFolders', async () => {
    const a = folder('');
    const b = folder('');
    client = new LspClient();
    await client.initialize(a.dir, { folders: [a.dir] });
    await client.diagnostics(a.uri, hasUncovered);
    await client.connection.sendRequest('kijun/_settled');
    assert.equal(client.lastDiagnostics(b.uri), undefined);
    await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [{ uri: fileUri(b.dir), name: 'b' }], removed: [] } });
    await client.diagnostics(b.uri, hasUncovered);
    await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [], removed: [{ uri: fileUri(a.dir), name: 'ws' }] } });
    assert.deepEqual(await client.diagnostics(a.uri, (d) => d.length === 0), []);
    // The remaining folder is still served.
    await client.open(b.uri, STANDARD.replace('BL-PR-5', 'BL-PR-05'));
    await client.diagnostics(b.uri, (d) => !d.some((x) => x.code === 'unknown-control'));
  });
});

describe('language server identity', () => {
  it('names itself kijun with the package version in the initialize result', async () => {
    const client = new LspClient();
    try {
      const result = await client.initialize(workspace());
      const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
      assert.deepEqual(result.serverInfo, { name: 'kijun', version: pkg.version });
      assert.deepEqual((result.capabilities.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, ['quickfix', 'source.fixAll', 'source.fixAll.kijun']);
    } finally {
      await client.stop();
    }
  });
});
