// Soak: thousands of random edits and file events against the real server over stdio. The server
// must not crash or log a failed handler, its heap must not grow (after a forced GC), and a
// deleted file must not keep diagnostics. Default 1,000 events; SOAK_EVENTS=10000 for the full run.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync, unlinkSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionRequest, CompletionRequest, HoverRequest, FileChangeType, LogMessageNotification, MessageType, type LogMessageParams,
} from 'vscode-languageserver-protocol/node';
import { tempDir } from '../helpers/tmp.js';
import { LspClient, fileUri } from '../helpers/lspClient.js';
import { CATALOG, RATIONALE, markdown } from '../helpers/memoryWorkspace.js';
import { applyMutation, randomMutation, SNIPPETS, randomId } from '../fuzz/mutations.js';
import { randomSource } from '../helpers/random.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const EVENTS = Number(process.env.SOAK_EVENTS ?? 1000);
/** Events before the heap baseline: caches, compiled schemas and JIT code settle first. */
const WARM_UP = Math.min(1000, Math.floor(EVENTS / 5));
const SLOTS = 6;

const BASES = [
  readFileSync(path.join(ROOT, 'test/fixtures/basic/standards/electricity.md'), 'utf8'),
  readFileSync(path.join(ROOT, 'test/fixtures/clean/warn.md'), 'utf8'),
  markdown(`level: 2\nexemptions:\n  - control: BL-PR-05\n    rationale: ${RATIONALE}\n  - control: BL-GV-01\n    rationale: 短い\n`, '# 基準\n\n## EL-PR-01 認証\n対応：BL-PR-01、BL-PR-09\nPR.AC-1\n\n## EL-RC-01 復旧\nCovers: BL-RC-02, BL-XX-01\n'),
  readFileSync(path.join(ROOT, 'samples/standards/electricity/10-protect.md'), 'utf8').slice(0, 4000),
];

interface Memory {
  heapUsed: number;
  rss: number;
}

describe(`language server soak (${EVENTS} random edits and file events)`, function () {
  this.timeout(Math.max(60_000, EVENTS * 60));
  let running: LspClient | undefined;

  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });

  it('does not crash, keeps its heap flat after GC and leaves no diagnostics on deleted files', async () => {
    const seed = Number(process.env.SOAK_SEED ?? 20261201);
    const pick = randomSource(seed);
    const dir = tempDir('kijun-soak-');
    mkdirSync(path.join(dir, 'baseline'));
    mkdirSync(path.join(dir, 'standards'));
    writeFileSync(path.join(dir, 'kijun.yaml'), 'catalogs: [baseline/*.yaml]\nstandards: [standards/**/*.md]\n');
    writeFileSync(path.join(dir, 'baseline/catalog.yaml'), CATALOG);
    const files = Array.from({ length: SLOTS }, (_, i) => path.join(dir, `standards/s${i}.md`));
    for (const f of files.slice(0, 3)) writeFileSync(f, BASES[pick(BASES.length)]);

    const client = new LspClient(['--expose-gc']);
    running = client;
    const handlerErrors: string[] = [];
    client.connection.onNotification(LogMessageNotification.type, (p: LogMessageParams) => {
      if (p.type === MessageType.Error) handlerErrors.push(p.message);
    });
    await client.initialize(dir, { debounce: 0 });
    const open = new Map<string, TextDocument>();
    const uris = files.map(fileUri);
    let baseline: Memory | undefined;
    const series: string[] = [];
    const started = Date.now();

    /** A mutated copy of a base or of what the slot holds, kept to a few kilobytes. */
    const newText = (current?: string): string => {
      let text = current && current.length < 12_000 && pick(3) > 0 ? current : BASES[pick(BASES.length)];
      for (let i = 0, n = 1 + pick(4); i < n; i++) text = applyMutation(text, randomMutation(pick));
      return text.slice(0, 16_000);
    };

    const events: Record<string, (i: number) => Promise<void>> = {
      async change(i) {
        const doc = open.get(uris[i]);
        if (!doc) return events.open(i);
        const text = doc.getText();
        let start = pick(text.length + 1);
        let end = pick(3) === 0 ? Math.min(text.length, start + pick(40)) : start;
        // Keep both ends off the middle of a CRLF, where client and server would disagree on the offset.
        if (text[start - 1] === '\r' && text[start] === '\n') start--;
        if (text[end - 1] === '\r' && text[end] === '\n') end++;
        const insert = pick(4) === 0 ? randomId(pick) : pick(2) === 0 ? SNIPPETS[pick(SNIPPETS.length)] : '';
        const change = { range: { start: doc.positionAt(start), end: doc.positionAt(end) }, text: insert };
        const next = TextDocument.update(doc, [change], doc.version + 1);
        open.set(uris[i], next);
        await client.change(uris[i], [change]);
      },
      async open(i) {
        if (open.has(uris[i])) return events.change(i);
        const text = existsSync(files[i]) && pick(2) === 0 ? readFileSync(files[i], 'utf8') : newText();
        open.set(uris[i], TextDocument.create(uris[i], 'markdown', 1, text));
        await client.open(uris[i], text);
      },
      async close(i) {
        if (!open.has(uris[i])) return;
        open.delete(uris[i]);
        await client.close(uris[i]);
      },
      async write(i) {
        const existed = existsSync(files[i]);
        writeFileSync(files[i], newText(existed ? readFileSync(files[i], 'utf8') : undefined));
        await client.filesChanged([{ uri: uris[i], type: existed ? FileChangeType.Changed : FileChangeType.Created }]);
      },
      async delete(i) {
        if (!existsSync(files[i])) return;
        unlinkSync(files[i]);
        await client.filesChanged([{ uri: uris[i], type: FileChangeType.Deleted }]);
        if (!open.has(uris[i])) await noDiagnostics(client, uris[i]);
      },
      async request(i) {
        const doc = open.get(uris[i]);
        if (!doc) return;
        const position = doc.positionAt(pick(doc.getText().length + 1));
        const textDocument = { uri: uris[i] };
        await client.connection.sendRequest(HoverRequest.type, { textDocument, position });
        await client.connection.sendRequest(CompletionRequest.type, { textDocument, position });
        const diagnostics = client.lastDiagnostics(uris[i]) ?? [];
        await client.connection.sendRequest(CodeActionRequest.type, { textDocument, range: { start: position, end: position }, context: { diagnostics } });
      },
    };
    const mix: [string, number][] = [['change', 45], ['open', 10], ['close', 8], ['write', 14], ['delete', 8], ['request', 15]];
    const total = mix.reduce((n, [, w]) => n + w, 0);
    const counts: Record<string, number> = {};

    /**
     * Closes every document and deletes every file, so that the heap is measured in the same state
     * each time, and checks that no deleted file keeps diagnostics. The server handles events
     * concurrently, so a file's clearing can come after later events: wait for each file to be
     * cleared (a stale file never is, and the test times out), then, behind a last file with a new
     * unknown id as a barrier, check that none was published again.
     */
    let round = 0;
    const barrier = async (): Promise<void> => {
      const sentinel = path.join(dir, 'standards/sentinel.md');
      const marker = `BL-ZZ-${++round}`;
      writeFileSync(sentinel, `${BASES[0]}\nCovers: ${marker}\n`);
      await client.filesChanged([{ uri: fileUri(sentinel), type: FileChangeType.Changed }]);
      await client.diagnostics(fileUri(sentinel), (d) => d.some((x) => typeof x.message === 'string' && x.message.includes(marker)));
    };
    const settle = async (): Promise<Memory> => {
      for (const uri of [...open.keys()]) await events.close(uris.indexOf(uri));
      for (let i = 0; i < SLOTS; i++) await events.delete(i);
      await barrier();
      for (const uri of uris) await noDiagnostics(client, uri);
      await barrier();
      for (const uri of uris) assert.deepEqual(client.lastDiagnostics(uri) ?? [], [], `no diagnostics left on deleted ${uri}`);
      return memory(client);
    };

    for (let n = 0; n < EVENTS; n++) {
      let r = pick(total);
      const kind = mix.find(([, w]) => (r -= w) < 0)![0];
      counts[kind] = (counts[kind] ?? 0) + 1;
      await events[kind](pick(SLOTS));
      // A request now and then also paces the stream, as an editor's requests do.
      if (n % 25 === 24) await client.connection.sendRequest('kijun/coverage');
      if (n === WARM_UP - 1) baseline = await settle();
      if (n % Math.ceil(EVENTS / 10) === 0) series.push(mb((await memory(client)).heapUsed));
      assert.ok(client.alive, `the server is running after event ${n} (${kind})`);
    }
    const final = await settle();

    assert.deepEqual(handlerErrors, [], 'no request or notification handler failed');
    assert.ok(client.alive, 'the server is still running');
    const growth = (final.heapUsed - baseline!.heapUsed) / baseline!.heapUsed;
    const seconds = (Date.now() - started) / 1000;
    console.log(`      soak: ${EVENTS} events (${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}) in ${seconds.toFixed(1)} s; heap after GC ${mb(baseline!.heapUsed)} → ${mb(final.heapUsed)} MB (${(growth * 100).toFixed(1)}%), rss ${mb(final.rss)} MB; heap every ${Math.ceil(EVENTS / 10)} events: ${series.join(' ')}`);
    assert.ok(growth < 0.1, `heap grew ${(growth * 100).toFixed(1)}% (from ${mb(baseline!.heapUsed)} to ${mb(final.heapUsed)} MB)`);
  });
});

async function memory(client: LspClient): Promise<Memory> {
  return (await client.connection.sendRequest('kijun/_memory')) as Memory;
}

/** Waits until the file's last published diagnostics are empty (at once when none were ever published). */
async function noDiagnostics(client: LspClient, uri: string): Promise<void> {
  if (client.lastDiagnostics(uri) === undefined) return;
  await client.diagnostics(uri, (d) => d.length === 0);
}

function mb(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(1);
}
