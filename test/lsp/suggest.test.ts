import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CodeActionRequest, HoverRequest, type CodeAction, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { tempDir } from '../helpers/tmp.js';
import { LspClient, fileUri, applyEdits } from '../helpers/lspClient.js';
import { CATALOG } from '../helpers/memoryWorkspace.js';

const PORT = `---
kind: standard
sector: port
title: 港湾分野の安全基準
baseline: jp-ci-baseline@2026.1
level: 1
---
# 港湾分野の安全基準

## PT-GV-01 経営層の責任
対応: BL-GV-01

経営層はサイバーリスクに責任を負う。

## PT-PR-01 遠隔保守
荷役機械の遠隔保守には多要素認証を用いること。
`;

const REMOTE = `---
kind: standard
sector: port
title: 港湾分野の安全基準(続き)
baseline: jp-ci-baseline@2026.1
level: 1
---
## PT-PR-02 定義ファイル
Covers: BL-PR-01

マルウェア対策ソフトの定義ファイルを毎日更新すること。
`;

describe('mapping assistant in the language server (stdio)', function () {
  let dir: string;
  let client: LspClient;
  let port: string;
  let remote: string;

  beforeEach(async () => {
    dir = tempDir('kijun-lsp-suggest-');
    mkdirSync(path.join(dir, 'baseline'));
    mkdirSync(path.join(dir, 'standards'));
    writeFileSync(path.join(dir, 'kijun.yaml'), 'catalogs: [baseline/*.yaml]\nstandards: [standards/**/*.md]\n');
    writeFileSync(path.join(dir, 'baseline/catalog.yaml'), CATALOG);
    writeFileSync(path.join(dir, 'standards/port.md'), PORT);
    writeFileSync(path.join(dir, 'standards/remote.md'), REMOTE);
    port = fileUri(path.join(dir, 'standards/port.md'));
    remote = fileUri(path.join(dir, 'standards/remote.md'));
    client = new LspClient();
    await client.initialize(dir, { locale: 'en' });
  });

  afterEach(async () => {
    await client.stop();
  });

  it('offers "Mark as covering" on a measure heading; applying it adds a marker line and keeps the text', async () => {
    await client.open(port, PORT);
    await client.diagnostics(port);
    const line = PORT.split('\n').indexOf('## PT-PR-01 遠隔保守');
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: port }, range: { start: { line, character: 3 }, end: { line, character: 3 } }, context: { diagnostics: [] },
    })) as CodeAction[];
    assert.equal(actions[0].title, 'Mark as covering BL-PR-01 「Multi-factor authentication」');
    assert.ok(actions.every((a) => !a.isPreferred), 'a suggestion is never a preferred (auto-applicable) fix');
    const fixed = applyEdits(PORT, actions[0].edit!.changes![port]);
    assert.equal(fixed, PORT.replace('## PT-PR-01 遠隔保守\n', '## PT-PR-01 遠隔保守\n\n対応: BL-PR-01\n'));
  });

  it('offers "Covered by" actions on an uncovered control before adding a measure or exempting, editing the measure\'s own file', async () => {
    await client.open(port, PORT);
    const diags = await client.diagnostics(port, (d) => d.some((x) => x.code === 'uncovered-control'));
    const diag = diags.find((d) => d.code === 'uncovered-control' && (d.data as { control: string }).control === 'BL-PR-05')!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: port }, range: diag.range, context: { diagnostics: [diag] } })) as CodeAction[];
    const titles = actions.map((a) => a.title);
    assert.equal(titles[0], 'Covered by PT-PR-02 「定義ファイル」');
    assert.ok(titles.indexOf('Add a measure covering BL-PR-05') > 0, titles.join(' | '));
    const edits = actions[0].edit!.changes!;
    assert.deepEqual(Object.keys(edits), [remote]);
    assert.equal(applyEdits(REMOTE, edits[remote]), REMOTE.replace('Covers: BL-PR-01', 'Covers: BL-PR-01, BL-PR-05'));
  });

  it('shows the suggestions and shared words in the hover of a measure heading', async () => {
    await client.open(port, PORT);
    await client.diagnostics(port);
    const line = PORT.split('\n').indexOf('## PT-PR-01 遠隔保守');
    const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: port }, position: { line, character: 5 } });
    const value = (h!.contents as MarkupContent).value;
    assert.match(value, /\*\*PT-PR-01\*\*/);
    assert.match(value, /Suggested controls \(by text similarity; the author decides\):\n\n- \*\*BL-PR-01\*\* Multi-factor authentication — \d\.\d\d \(shared: 多要素認証/);
  });

  it('gives an uncovered control its best candidate measure in the coverage view', async () => {
    await client.diagnostics(port);
    const view = (await client.connection.sendRequest('kijun/coverageView')) as { sectors: { controls: { id: string; state: string; candidate?: { id: string; uri: string; score: number } }[] }[] };
    const pr05 = view.sectors[0].controls.find((c) => c.id === 'BL-PR-05')!;
    assert.equal(pr05.state, 'uncovered');
    assert.equal(pr05.candidate?.id, 'PT-PR-02');
    assert.equal(pr05.candidate?.uri, remote);
    assert.equal(view.sectors[0].controls.find((c) => c.id === 'BL-GV-01')?.candidate, undefined, 'covered controls get none');
  });
});
