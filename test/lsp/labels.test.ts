// Article-numbered standards in the editor: a label is a measure id everywhere the editor shows
// one, and markers that cover nothing say so, with their quick-fixes (PRODUCT.md §5.1).
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  CodeActionRequest, CodeLensRequest, CompletionRequest, DefinitionRequest, DocumentSymbolRequest, HoverRequest, ReferencesRequest,
  type CodeAction, type CodeLens, type CompletionItem, type Diagnostic, type DocumentSymbol, type Location, type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { tempDir } from '../helpers/tmp.js';
import { LspClient, fileUri, applyEdits } from '../helpers/lspClient.js';
import { CATALOG, RATIONALE } from '../helpers/memoryWorkspace.js';

const PORT = `---
kind: standard
sector: port
title: 港湾分野の安全基準等
baseline: jp-ci-baseline@2026.1
level: 1
exemptions:
  - control: BL-PR-05
    rationale: ${RATIONALE}
    compensating: [第３条]
---
# 港湾分野の安全基準等

## 第1条 多要素認証
対応：ＢＬ－ＰＲ－０１

## 第2条 経営層の責任
対応: BLーGVー01

## 第3条 閉域網の監視

## 記録の保存
対応: BL-RC-02
`;

function workspace(): string {
  const dir = tempDir('kijun-lsp-labels-');
  mkdirSync(path.join(dir, 'baseline'));
  mkdirSync(path.join(dir, 'standards'));
  writeFileSync(path.join(dir, 'kijun.yaml'), 'catalogs: [baseline/*.yaml]\nstandards: [standards/**/*.md]\n');
  writeFileSync(path.join(dir, 'baseline/catalog.yaml'), CATALOG);
  writeFileSync(path.join(dir, 'standards/port.md'), PORT);
  return dir;
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle));

describe('language server: article labels and markers', function () {
  let client: LspClient;
  let uri: string;

  beforeEach(async () => {
    const dir = workspace();
    uri = fileUri(path.join(dir, 'standards/port.md'));
    client = new LspClient();
    await client.initialize(dir);
  });

  afterEach(async () => {
    await client.stop();
  });

  it('reads full-width markers, reports the dash-like one at its token and the orphan under an unlabelled heading', async () => {
    const d = await client.diagnostics(uri);
    const codes = d.map((x) => x.code).sort();
    assert.deepEqual(codes, ['marker-syntax', 'orphan-marker', 'uncovered-control']);
    const syntax = d.find((x) => x.code === 'marker-syntax') as Diagnostic;
    assert.deepEqual(syntax.range, { start: { line: lineOf(PORT, 'BLーGVー01'), character: 4 }, end: { line: lineOf(PORT, 'BLーGVー01'), character: 12 } });
    assert.equal((d.find((x) => x.code === 'uncovered-control')?.data as { control: string }).control, 'BL-GV-01');
  });

  it('fixes the token and labels the heading, after which nothing is left', async () => {
    await client.open(uri, PORT);
    const d = await client.diagnostics(uri);
    let text = PORT;
    for (const code of ['marker-syntax', 'orphan-marker']) {
      const diag = d.find((x) => x.code === code) as Diagnostic;
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diag.range, context: { diagnostics: [diag] } })) as CodeAction[];
      assert.equal(actions.length, 1, code);
      text = applyEdits(text, actions[0].edit?.changes?.[uri] ?? []);
    }
    assert.match(text, /対応: BL-GV-01\n/);
    assert.match(text, /## 第4条 記録の保存/);
    await client.open(uri, text);
    const after = await client.diagnostics(uri, (x) => !x.some((y) => y.code === 'orphan-marker'));
    assert.deepEqual(after.map((x) => x.code), []);
  });

  it('shows the label in symbols, code lenses, hover, definition and references, and completes it in compensating', async () => {
    await client.diagnostics(uri);
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    const names = JSON.stringify(symbols);
    for (const label of ['第1条', '第2条', '第3条']) assert.ok(names.includes(label), label);
    const lenses = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) as CodeLens[];
    assert.ok(lenses.length > 0);

    const compLine = lineOf(PORT, 'compensating');
    const at = { line: compLine, character: PORT.split('\n')[compLine].indexOf('第３条') + 1 };
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: at });
    assert.match((hover?.contents as MarkupContent).value, /第3条/);
    const def = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: at })) as Location[] | Location;
    const target = Array.isArray(def) ? def[0] : def;
    assert.equal(target.range.start.line, lineOf(PORT, '## 第3条'));
    const refs = (await client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri }, position: at, context: { includeDeclaration: true } })) as Location[];
    assert.deepEqual(refs.map((r) => r.range.start.line).sort((a, b) => a - b), [compLine, lineOf(PORT, '## 第3条')]);

    const typed = PORT.replace('compensating: [第３条]', 'compensating: [');
    await client.open(uri, typed);
    // Mid-typing the front matter does not parse: wait until the server has read it so.
    await client.diagnostics(uri, (d) => d.some((x) => x.code === 'syntax'));
    const line = lineOf(typed, 'compensating');
    const items = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line, character: typed.split('\n')[line].length } })) as CompletionItem[];
    assert.deepEqual(items.map((i) => i.label).filter((l) => l.startsWith('第')).sort(), ['第1条', '第2条', '第3条']);
  });
});
