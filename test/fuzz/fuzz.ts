// A long-running, mutation-based fuzzer over the parser entry points (npm run fuzz).
//
//   npm run fuzz -- --minutes 30 [--timeout 3000] [--seed 42]     (or FUZZ_MINUTES=30)
//
// Seeds come from samples/, test/fixtures/ and the small OSCAL files in test/fixtures/oscal. Each
// input runs in a worker thread with a time limit, so a hang is detected and the worker replaced.
// Inputs that behave in a new way (a new set of findings) join the corpus, kept in
// test/fuzz/.corpus/ (gitignored) for the next run. A crash or hang is minimised and saved to
// test/fuzz/crashers/, which test/fuzz/regressions.test.ts replays in the default test run.
import { Worker } from 'node:worker_threads';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { applyMutation, randomMutation } from './mutations.js';
import { TARGETS, type FuzzInput, type Target } from './targets.js';
import type { FileRole } from '../../server/src/core/extract.js';
import { randomSource } from '../helpers/random.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CORPUS_DIR = path.join(import.meta.dirname, '.corpus');
const CRASH_DIR = path.join(import.meta.dirname, 'crashers');
const OSCAL_CONTENT = path.resolve(ROOT, 'test/fixtures/oscal/content');
const MAX_INPUT = 256 * 1024;
const MAX_CORPUS = 3000;

interface Options {
  minutes: number;
  timeout: number;
  seed: number;
}

function options(argv: string[]): Options {
  const flag = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? Number(argv[i + 1]) : undefined;
  };
  return {
    minutes: flag('minutes') ?? Number(process.env.FUZZ_MINUTES ?? 2),
    timeout: flag('timeout') ?? 3000,
    seed: flag('seed') ?? Date.now() % 2 ** 31,
  };
}

interface Entry {
  path: string;
  text: string;
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(path.join(dir, d.name)) : [path.join(dir, d.name)]));
}

const SMALL_OSCAL_XML = `<?xml version="1.0" encoding="UTF-8"?>
<catalog xmlns="http://csrc.nist.gov/ns/oscal/1.0" uuid="74c8ba1e-5cd4-4ad1-bbfd-d888e2f6c724">
  <metadata><title>Small</title><last-modified>2024-01-01T00:00:00Z</last-modified><version>1.0</version><oscal-version>1.2.1</oscal-version></metadata>
  <group id="ac" class="family"><title>Access Control</title>
    <control id="ac-1" class="SP800-53"><title>Policy and Procedures</title>
      <param id="ac-01_odp.01"><label>personnel</label></param>
      <part id="ac-1_smt" name="statement"><p>Develop <insert type="param" id-ref="ac-01_odp.01"/> &amp; keep it.</p></part>
      <control id="ac-1.1"><title>Enhancement</title></control>
    </control>
  </group>
</catalog>
`;

function seeds(): Entry[] {
  const files = [...walk(path.join(ROOT, 'samples')), ...walk(path.join(ROOT, 'test/fixtures'))].filter((f) => /\.(md|ya?ml)$/.test(f));
  const oscal = walk(OSCAL_CONTENT).filter((f) => statSync(f).size < 300_000);
  const out = [...files, ...oscal].map((f) => ({ path: path.basename(f), text: readFileSync(f, 'utf8') }));
  out.push({ path: 'small-catalog.xml', text: SMALL_OSCAL_XML });
  return out;
}

function loadCorpus(): Entry[] {
  if (!existsSync(CORPUS_DIR)) return [];
  return readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.json')).slice(0, MAX_CORPUS).map((f) => {
    const saved = JSON.parse(readFileSync(path.join(CORPUS_DIR, f), 'utf8')) as { path: string; text: string };
    return { path: saved.path, text: saved.text };
  });
}

const EXTENSIONS = ['.md', '.yaml', '.json', '.xml'];
const ROLES: (FileRole | undefined)[] = [undefined, undefined, 'catalog', 'standard'];

function extensionOf(p: string): string {
  return /\.[a-z]+$/i.exec(p)?.[0].toLowerCase().replace('.yml', '.yaml').replace('.markdown', '.md') ?? '.yaml';
}

/** A mutated child of a corpus entry, as text and then bytes (sometimes mutated as bytes too). */
function makeInput(parent: Entry, pick: (n: number) => number): { input: FuzzInput; entry: Entry } {
  let text = parent.text;
  const rounds = 1 + pick(pick(4) === 0 ? 16 : 4);
  for (let i = 0; i < rounds; i++) text = applyMutation(text, randomMutation(pick));
  if (text.length > MAX_INPUT) text = text.slice(0, MAX_INPUT);
  const ext = pick(8) === 0 ? EXTENSIONS[pick(EXTENSIONS.length)] : extensionOf(parent.path);
  const target: Target = ext === '.json' || ext === '.xml' ? (pick(2) ? 'oscal' : 'extract') : TARGETS[pick(TARGETS.length)];
  const entry = { path: `in${ext}`, text };
  return { input: { target, path: `/ws/${entry.path}`, role: ROLES[pick(ROLES.length)], bytes: toBytes(text, pick) }, entry };
}

/** UTF-8 mostly; sometimes UTF-16 with a BOM, a UTF-8 BOM, or a few flipped bytes. */
function toBytes(text: string, pick: (n: number) => number): Uint8Array {
  switch (pick(16)) {
    case 0: return utf16(text, pick(2) === 0);
    case 1: return new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(text, 'utf8')]);
    case 2: {
      const b = new Uint8Array(Buffer.from(text, 'utf8'));
      for (let i = 0; i < 1 + pick(4) && b.length > 0; i++) b[pick(b.length)] = pick(256);
      return b;
    }
    default: return new Uint8Array(Buffer.from(text, 'utf8'));
  }
}

function utf16(text: string, little: boolean): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out.set(little ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + 2 * i] = little ? c & 0xff : c >> 8;
    out[3 + 2 * i] = little ? c >> 8 : c & 0xff;
  }
  return out;
}

type Outcome = { kind: 'ok'; signature: string } | { kind: 'crash'; error: string } | { kind: 'hang' };

/** One worker at a time; replaced when it hangs or dies. */
class Runner {
  private worker!: Worker;
  /** Resolves once the worker has loaded the core: its start-up time is not the input's. */
  private ready!: Promise<void>;
  private nextId = 0;
  private pending: ((o: Outcome) => void) | undefined;

  constructor() {
    this.spawn();
  }

  private spawn(): void {
    // Workers do not inherit tsx's loader on Node 20: register it, then load the TypeScript worker.
    const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./worker.ts', import.meta.url).href)}); });`;
    this.worker = new Worker(boot, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 1024, stackSizeMb: 4 } });
    let started!: () => void;
    this.ready = new Promise((resolve) => (started = resolve));
    this.worker.on('message', (m: { ready?: boolean; ok: boolean; signature?: string; error?: string }) => {
      if (m.ready) return started();
      this.pending?.(m.ok ? { kind: 'ok', signature: m.signature ?? '' } : { kind: 'crash', error: m.error ?? '' });
    });
    this.worker.on('error', (err) => {
      started();
      this.pending?.({ kind: 'crash', error: `worker died: ${err.message}\n${err.stack ?? ''}` });
    });
  }

  async run(input: FuzzInput, timeout: number): Promise<Outcome> {
    await this.ready;
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending = undefined;
        void this.worker.terminate();
        this.spawn();
        resolve({ kind: 'hang' });
      }, timeout);
      this.pending = (o) => {
        clearTimeout(timer);
        this.pending = undefined;
        if (o.kind === 'crash' && o.error.startsWith('worker died')) {
          void this.worker.terminate();
          this.spawn();
        }
        resolve(o);
      };
      this.worker.postMessage({ id, input });
    });
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}

/** The first line of the error and the first stack frame in our code: one bug, one key. */
function crashKey(outcome: Outcome): string {
  if (outcome.kind === 'hang') return 'hang';
  if (outcome.kind !== 'crash') return '';
  const lines = outcome.error.split('\n');
  const frame = lines.find((l) => /server\/src\//.test(l))?.trim().replace(/:\d+:\d+\)?$/, '') ?? '';
  return `${lines[0].replace(/\{.*\}|\d+/g, '#')} @ ${frame}`;
}

/** Removes chunks of the text while the input still fails the same way (delta debugging). */
async function minimize(runner: Runner, input: FuzzInput, text: string, key: string, timeout: number): Promise<string> {
  const budget = key === 'hang' ? 25 : 1500;
  let tries = 0;
  let chunk = Math.max(1, Math.floor(text.length / 2));
  while (chunk >= 1 && tries < budget) {
    let removed = false;
    for (let at = 0; at < text.length && tries < budget; at += chunk) {
      const candidate = text.slice(0, at) + text.slice(at + chunk);
      tries++;
      const outcome = await runner.run({ ...input, bytes: new Uint8Array(Buffer.from(candidate, 'utf8')) }, timeout);
      if (crashKey(outcome) === key) {
        text = candidate;
        removed = true;
        at -= chunk;
      }
    }
    if (!removed) chunk = Math.floor(chunk / 2);
  }
  return text;
}

function saveCrasher(input: FuzzInput, bytes: Uint8Array, key: string, error: string): string {
  mkdirSync(CRASH_DIR, { recursive: true });
  const text = Buffer.from(bytes).toString('utf8');
  const hash = createHash('sha1').update(input.target + input.path + text).digest('hex').slice(0, 12);
  const file = path.join(CRASH_DIR, `${hash}.json`);
  writeFileSync(file, `${JSON.stringify({ key, error: error.split('\n').slice(0, 8).join('\n'), target: input.target, path: input.path, role: input.role ?? null, base64: Buffer.from(bytes).toString('base64'), text }, null, 2)}\n`);
  return file;
}

function saveCorpus(entry: Entry): void {
  mkdirSync(CORPUS_DIR, { recursive: true });
  const hash = createHash('sha1').update(entry.path + entry.text).digest('hex').slice(0, 16);
  writeFileSync(path.join(CORPUS_DIR, `${hash}.json`), JSON.stringify(entry));
}

async function main(): Promise<void> {
  const opts = options(process.argv.slice(2));
  const pick = randomSource(opts.seed);
  const corpus = [...seeds(), ...loadCorpus()];
  const seen = new Set<string>();
  const crashes = new Map<string, string>();
  let hangs = 0;
  const runner = new Runner();
  const smoke = await runner.run({ target: 'decode', path: '/ws/a.md', bytes: new Uint8Array([97]) }, 30_000);
  if (smoke.kind !== 'ok') throw new Error(`the fuzz worker does not start: ${JSON.stringify(smoke)}`);
  const started = Date.now();
  const deadline = started + opts.minutes * 60_000;
  let tried = 0;
  let lastReport = started;
  console.log(`kijun fuzz: ${opts.minutes} min, seed ${opts.seed}, ${corpus.length} corpus entries, time limit ${opts.timeout} ms per input`);
  while (Date.now() < deadline) {
    const parent = corpus[pick(corpus.length)];
    const { input, entry } = makeInput(parent, pick);
    const outcome = await runner.run(input, opts.timeout);
    tried++;
    if (outcome.kind === 'ok') {
      const sig = `${input.target}|${outcome.signature}`;
      if (!seen.has(sig)) {
        seen.add(sig);
        if (corpus.length < MAX_CORPUS) {
          corpus.push(entry);
          saveCorpus(entry);
        }
      }
    } else {
      await handleFailure(runner, input, outcome, opts, crashes, () => hangs++);
    }
    if (Date.now() - lastReport > 30_000) {
      lastReport = Date.now();
      report(started, tried, corpus.length, crashes.size, hangs);
    }
  }
  await runner.stop();
  report(started, tried, corpus.length, crashes.size, hangs);
  console.log(`done: ${crashes.size} distinct crash(es)${crashes.size ? `:\n${[...crashes.entries()].map(([k, f]) => `  ${k}\n    → ${f}`).join('\n')}` : ''}`);
  process.exitCode = crashes.size > 0 ? 1 : 0;
}

async function handleFailure(runner: Runner, input: FuzzInput, outcome: Outcome, opts: Options, crashes: Map<string, string>, countHang: () => void): Promise<void> {
  let key = crashKey(outcome);
  if (outcome.kind === 'hang') {
    // A busy machine can make a slow input look hung: confirm with a much longer limit.
    const again = await runner.run(input, opts.timeout * 4);
    if (again.kind !== 'hang') return;
    countHang();
    key = 'hang';
  }
  if (crashes.has(key)) return;
  const text = Buffer.from(input.bytes).toString('utf8');
  const decodesAsUtf8 = Buffer.from(text, 'utf8').equals(Buffer.from(input.bytes));
  let small = decodesAsUtf8 ? await minimize(runner, input, text, key, key === 'hang' ? opts.timeout * 2 : opts.timeout) : text;
  // A minimised hang must still hang with the long limit; otherwise keep the original input.
  if (key === 'hang' && small !== text && (await runner.run({ ...input, bytes: new Uint8Array(Buffer.from(small, 'utf8')) }, opts.timeout * 4)).kind !== 'hang') small = text;
  const bytes = decodesAsUtf8 ? new Uint8Array(Buffer.from(small, 'utf8')) : input.bytes;
  const file = saveCrasher(input, bytes, key, outcome.kind === 'crash' ? outcome.error : 'hang');
  crashes.set(key, path.relative(ROOT, file));
  console.log(`CRASH ${key}\n  saved ${path.relative(ROOT, file)} (${small.length} characters)`);
}

function report(started: number, tried: number, corpus: number, crashes: number, hangs: number): void {
  const seconds = (Date.now() - started) / 1000;
  console.log(`[${Math.round(seconds)} s] ${tried} inputs, ${(tried / Math.max(1, seconds)).toFixed(1)}/s, corpus ${corpus}, crashes ${crashes}, hangs ${hangs}`);
}

await main();
