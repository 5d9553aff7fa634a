// Paranoid protocol test (after marksman): a seeded random sequence of editor and file events
// against the real server over stdio. Every publishDiagnostics it sends must equal what a fresh
// full analysis of the files gives at a moment between the events received so far: a publication
// from a half-loaded index (a kijun.yaml reload) or a stale read is a failure.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync, unlinkSync, renameSync } from 'node:fs';
import * as path from 'node:path';
import {
  FileChangeType, PublishDiagnosticsNotification, type Diagnostic, type FileEvent, type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { tempDir } from '../helpers/tmp.js';
import { LspClient, fileUri } from '../helpers/lspClient.js';
import { CATALOG, RATIONALE } from '../helpers/memoryWorkspace.js';
import { randomSource } from '../helpers/random.js';
import { loadWorkspace } from '../../server/src/core/workspace.js';
import { toDiagnostics } from '../../server/src/core/diagnostics.js';
import { lspDiagnosticIn } from '../../server/src/core/services/lspDiagnostics.js';
import { nodeFs, localToday } from '../../server/src/node/nodeFs.js';

const STEPS = Number(process.env.PARANOID_STEPS ?? 60);
const CONTROLS = ['BL-PR-01', 'BL-PR-05', 'BL-GV-01', 'BL-RC-02', 'BL-PR-09', 'BL-XX-01'];
const SECTORS = ['electricity', 'gas'];
const CONFIGS = [
  'catalogs: [baseline/*.yaml]\nstandards: [standards/*.md]\n',
  'catalogs: [baseline/*.yaml]\nstandards: [standards/*.md]\nrules:\n  uncovered-control: warning\n',
  'catalogs: [baseline/*.yaml]\nstandards: [standards/*.md]\nexemptionRationaleMinLength: 5\n',
  'catalogs: [baseline/*.yaml]\nstandards: [standards/s0.md, standards/s1.md]\n',
  'catalogs: [baseline/*.yaml]\nstandards: [standards/*.md\n',
];
const CATALOGS = [CATALOG, CATALOG.replace('level: 2', 'level: 1'), CATALOG.replace('version: "2026.1"', 'version: "2027.1"')];
const SLOTS = 4;

type Pick = (n: number) => number;

function standard(pick: Pick, n: number): string {
  const one = <T>(xs: T[]): T => xs[pick(xs.length)];
  const exemptions = pick(3) === 0 ? `exemptions:\n  - control: ${one(CONTROLS)}\n    rationale: ${pick(2) ? RATIONALE : '短い'}\n` : '';
  const measures = Array.from({ length: 1 + pick(3) }, (_, i) => `## EL-PR-0${(n + i) % 4} 対策\n対応: ${one(CONTROLS)}、${one(CONTROLS)}\n`);
  return `---\nkind: standard\nsector: ${one(SECTORS)}\nbaseline: jp-ci-baseline${pick(8) ? '@2026.1' : '@2027.1'}\nlevel: ${1 + pick(2)}\n${exemptions}---\n${measures.join('\n')}`;
}

/** What the test knows: the files on disk and the open documents. */
interface World {
  dir: string;
  open: Map<string, string>;
}

/** A fresh full analysis of the world as it is, in the form the server publishes. */
async function expected(world: World): Promise<Map<string, unknown>> {
  const configPath = path.join(world.dir, 'kijun.yaml');
  const loaded = await loadWorkspace(nodeFs, {
    root: world.dir, configPath: existsSync(configPath) ? configPath : undefined, today: localToday(), overlay: new Map(world.open), confined: true,
  });
  const options = { locale: loaded.config.locale ?? 'en', rules: loaded.config.rules, docsBase: 'file:///', displayPath: (p: string) => path.posix.relative(world.dir, p) || p };
  const toLsp = lspDiagnosticIn(fileUri);
  const out = new Map<string, unknown>();
  for (const [p, findings] of loaded.analysis.findings) {
    const diagnostics = toDiagnostics(findings, { ...options, suppressions: loaded.analysis.files.get(p)?.suppressions }).map(toLsp);
    if (diagnostics.length > 0) out.set(fileUri(p), normal(diagnostics));
  }
  if (loaded.configPath && loaded.configFindings.length > 0) out.set(fileUri(loaded.configPath), normal(toDiagnostics(loaded.configFindings, options).map(toLsp)));
  return out;
}

/** As sent over the wire (no undefined members), without the documentation link (install-dependent). */
function normal(diagnostics: Diagnostic[]): unknown {
  return JSON.parse(JSON.stringify(diagnostics.map(({ codeDescription: _, ...rest }) => rest)));
}

/** One event: what it does to the world, and what the client sends. */
type Event = { name: string; run: (world: World, client: LspClient) => Promise<void> };

function slot(world: World, i: number): string {
  return path.join(world.dir, `standards/s${i}.md`);
}

function diskEvent(pick: Pick, step: number): Event {
  const kind = pick(6);
  const i = pick(SLOTS);
  if (kind === 0) {
    const text = CONFIGS[pick(CONFIGS.length)];
    return { name: `kijun.yaml on disk: ${JSON.stringify(text)}`, run: async (w, c) => {
      writeFileSync(path.join(w.dir, 'kijun.yaml'), text);
      await c.filesChanged([{ uri: fileUri(path.join(w.dir, 'kijun.yaml')), type: FileChangeType.Changed }]);
    } };
  }
  if (kind === 1) {
    const text = CATALOGS[pick(CATALOGS.length)];
    return { name: 'catalog edited on disk', run: async (w, c) => {
      writeFileSync(path.join(w.dir, 'baseline/catalog.yaml'), text);
      await c.filesChanged([{ uri: fileUri(path.join(w.dir, 'baseline/catalog.yaml')), type: FileChangeType.Changed }]);
    } };
  }
  if (kind === 2) {
    return { name: `delete s${i}`, run: async (w, c) => {
      if (!existsSync(slot(w, i))) return;
      unlinkSync(slot(w, i));
      await c.filesChanged([{ uri: fileUri(slot(w, i)), type: FileChangeType.Deleted }]);
    } };
  }
  if (kind === 3) {
    const j = (i + 1 + pick(SLOTS - 1)) % SLOTS;
    return { name: `rename s${i} to s${j}`, run: async (w, c) => {
      if (!existsSync(slot(w, i)) || existsSync(slot(w, j)) || w.open.has(slot(w, j))) return;
      renameSync(slot(w, i), slot(w, j));
      await c.filesChanged([{ uri: fileUri(slot(w, i)), type: FileChangeType.Deleted }, { uri: fileUri(slot(w, j)), type: FileChangeType.Created }]);
    } };
  }
  const text = standard(pick, step);
  return { name: `s${i} written on disk (save or creation)`, run: async (w, c) => {
    const created = !existsSync(slot(w, i));
    writeFileSync(slot(w, i), w.open.get(slot(w, i)) ?? text);
    await c.filesChanged([{ uri: fileUri(slot(w, i)), type: created ? FileChangeType.Created : FileChangeType.Changed }]);
  } };
}

function editorEvent(pick: Pick, step: number): Event {
  const kind = pick(4);
  const i = pick(SLOTS);
  if (kind === 0) {
    const text = CONFIGS[pick(CONFIGS.length)];
    return { name: `kijun.yaml typed in the editor: ${JSON.stringify(text)}`, run: async (w, c) => {
      const p = path.join(w.dir, 'kijun.yaml');
      if (w.open.has(p)) await c.change(fileUri(p), [{ text }]);
      else await c.open(fileUri(p), text, 'yaml');
      w.open.set(p, text);
    } };
  }
  if (kind === 1) {
    return { name: `close s${i} or kijun.yaml`, run: async (w, c) => {
      const p = pick(3) === 0 ? path.join(w.dir, 'kijun.yaml') : slot(w, i);
      if (!w.open.has(p)) return;
      w.open.delete(p);
      await c.close(fileUri(p));
    } };
  }
  const text = standard(pick, step);
  return { name: `s${i} typed in the editor`, run: async (w, c) => {
    const p = slot(w, i);
    if (w.open.has(p)) await c.change(fileUri(p), [{ text }]);
    else await c.open(fileUri(p), text);
    w.open.set(p, text);
  } };
}

describe(`language server, paranoid (${STEPS} random bursts of events)`, function () {
  this.timeout(Math.max(120_000, STEPS * 5_000));
  let client: LspClient | undefined;

  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  for (const seed of [7, 1213]) {
    it(`every publication equals a fresh analysis of the files between events (seed ${seed})`, async () => {
      const pick = randomSource(seed);
      const dir = tempDir('kijun-paranoid-');
      mkdirSync(path.join(dir, 'baseline'));
      mkdirSync(path.join(dir, 'standards'));
      writeFileSync(path.join(dir, 'kijun.yaml'), CONFIGS[0]);
      writeFileSync(path.join(dir, 'baseline/catalog.yaml'), CATALOG);
      for (let i = 0; i < 3; i++) writeFileSync(path.join(dir, `standards/s${i}.md`), standard(pick, i));
      const world: World = { dir, open: new Map() };
      const c = new LspClient();
      client = c;
      let received: PublishDiagnosticsParams[] = [];
      const published = new Map<string, unknown>();
      c.connection.onNotification(PublishDiagnosticsNotification.type, (p: PublishDiagnosticsParams) => {
        received.push(p);
        if (p.diagnostics.length > 0) published.set(p.uri, normal(p.diagnostics));
        else published.delete(p.uri);
      });
      await c.initialize(dir);
      await c.connection.sendRequest('kijun/_settled');
      assert.deepEqual(published, await expected(world), 'after start');
      for (let step = 0; step < STEPS; step++) {
        // A burst: at most one disk event first (later events must not change what it reads), then editor events, sent without waiting.
        const events = [...(pick(2) ? [diskEvent(pick, step)] : []), ...Array.from({ length: 1 + pick(2) }, () => editorEvent(pick, step))];
        received = [];
        const states = [await expected(world)];
        for (const event of events) {
          await event.run(world, c);
          states.push(await expected(world));
        }
        await c.connection.sendRequest('kijun/_settled');
        const names = events.map((e) => e.name).join(' | ');
        for (const p of received) {
          const got = p.diagnostics.length > 0 ? normal(p.diagnostics) : undefined;
          const matches = states.some((s) => JSON.stringify(s.get(p.uri)) === JSON.stringify(got));
          assert.ok(matches, `step ${step} (${names}): ${p.uri} published ${JSON.stringify(got)}\nbut a fresh analysis gives ${states.map((s) => JSON.stringify(s.get(p.uri))).join('\n or ')}`);
        }
        assert.deepEqual(published, states[states.length - 1], `step ${step} (${names}): settled diagnostics`);
      }
    });
  }
});
