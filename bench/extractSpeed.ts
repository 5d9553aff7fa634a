// Markdown extraction speed (issues 13 and 15), in one process:
//   (a) the remark parse (remark-parse + remark-frontmatter, and `yaml` on the front matter) — the
//       parse floor of bench/parseFloor.mjs;
//   (b) extraction before the block scanner (remark's tree read by test/helpers/remarkLayout.ts);
//   (c) extraction now (server/src/core/markdownBlocks.ts);
// on the bench corpus's 10,000-line standard and a 50,000-line one made from it, then
// `node bin/kijun.cjs check FILE` on each superlinear shape of issue 13 at 2 MB against a 5 s budget.
// Usage: node esbuild.mjs && node --import tsx bench/extractSpeed.ts [--runs N] [--skip-cli]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import { parseDocument } from 'yaml';
import type { Root } from 'mdast';
import { generate, BENCH_DIR } from './corpus.js';
import { median } from './measure.js';
import { parseMarkdown, extractMarkdownStandard } from '../server/src/core/extractMarkdown.js';
import { scanMarkdown } from '../server/src/core/markdownBlocks.js';
import { LineIndex } from '../server/src/core/text.js';
import { remarkLayout } from '../test/helpers/remarkLayout.js';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '10' }, 'skip-cli': { type: 'boolean', default: false }, 'only-cli': { type: 'boolean', default: false } } });
const RUNS = Number(args.runs);
const ROOT = path.resolve(BENCH_DIR, '..');
const KIJUN = path.join(ROOT, 'bin/kijun.cjs');
const BUDGET_MS = 5000;
const SIZE = 2 * 1024 * 1024;

/** markdown-it's block parser alone (inline rule off), as a reference: a transitive dependency of markdownlint-cli2. */
interface MarkdownIt {
  parse(text: string, env: object): unknown;
  core: { ruler: { disable(name: string): void } };
}
const MarkdownItClass = ((await import('markdown-it' as string)) as { default: new () => MarkdownIt }).default;
const markdownIt = new MarkdownItClass();
markdownIt.core.ruler.disable('inline');

const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).freeze();

function remarkParseFloor(text: string): void {
  const tree = parser.parse(text) as Root;
  const first = tree.children[0];
  if (first?.type === 'yaml') parseDocument(first.value, { uniqueKeys: true, prettyErrors: false, strict: true }).toJS({ maxAliasCount: 100 });
}

function extractWith(text: string, scan: (t: string) => ReturnType<typeof scanMarkdown>): number {
  const lines = new LineIndex(text);
  const parsed = parseMarkdown(text, lines, scan);
  return extractMarkdownStandard(text, lines, parsed).model.measures.length;
}

function time(work: () => unknown, runs = RUNS): number {
  for (let i = 0; i < 3; i++) work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  return median(times);
}

/** The corpus's consolidated standard five times over, measure ids renumbered so that they stay unique. */
function fiftyThousand(big: string): string {
  const end = big.indexOf('\n---\n', 4) + 5;
  const front = big.slice(0, end);
  const body = big.slice(end);
  const copies = [front];
  for (let copy = 0; copy < 5; copy++) copies.push(body.replace(/^(#{2,6} [A-Z]{2}-[A-Z]{2}-)(\d+)/gm, (_m, p: string, n: string) => `${p}${copy}${n}`));
  return copies.join('\n');
}

const fmt = (ms: number): string => (ms < 10 ? ms.toFixed(2) : ms.toFixed(0));

function documents(): void {
  const { big } = generate();
  const docs: [string, string][] = [['10,000-line standard', big], ['50,000-line standard', fiftyThousand(big)]];
  console.log('| document | lines | (a) remark parse | (b) extraction before (remark) | (c) extraction now (scanner) | scanner alone | markdown-it blocks | c / a | c / b |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const [name, text] of docs) {
    const before = extractWith(text, (t) => remarkLayout(t));
    const now = extractWith(text, scanMarkdown);
    if (before !== now) throw new Error(`${name}: ${now} measures now, ${before} before`);
    const runs = text.length > 2e6 ? Math.max(3, Math.floor(RUNS / 3)) : RUNS;
    const a = time(() => remarkParseFloor(text), runs);
    const b = time(() => extractWith(text, (t) => remarkLayout(t)), runs);
    const c = time(() => extractWith(text, scanMarkdown));
    const s = time(() => scanMarkdown(text));
    const m = time(() => markdownIt.parse(text, {}));
    const lines = text.split('\n').length;
    console.log(`| ${name} | ${lines.toLocaleString('en')} | ${fmt(a)} ms | ${fmt(b)} ms | ${fmt(c)} ms | ${fmt(s)} ms | ${fmt(m)} ms | ${(c / a).toFixed(3)}× | ${(c / b).toFixed(3)}× |`);
  }
}

const HEAD = '---\nkind: standard\nsector: electricity\nbaseline: jp-ci-baseline@2026.1\nlevel: 1\n---\n# 電力\n\n## EL-PR-01 遠隔アクセス\nCovers: BL-PR-01\n\n';
const fill = (unit: string): string => unit.repeat(Math.ceil((SIZE - HEAD.length) / unit.length));

/** The superlinear shapes of issue 13 (and docs/robustness.md), each 2 MB. */
const SHAPES: [string, string][] = [
  ['`[a](` repeated', HEAD + fill('[a](')],
  ['unclosed `<!-- covers:` repeated (one line each)', HEAD + fill('<!-- covers: BL-PR-01\n')],
  ['unclosed `<!-- covers:` repeated (one paragraph line)', `${HEAD}x ${fill('<!-- covers: BL-PR-01 ')}`],
  ['nested lists `- a\\n  - b\\n` repeated', HEAD + fill('- a\n  - b\n')],
  ['`- - - …` lines (40 deep each)', HEAD + fill(`${'- '.repeat(40)}x\n`)],
  ['`>` × 40 lines', HEAD + fill(`${'>'.repeat(40)} x\n`)],
  ['one line of `>`', HEAD + fill('>')],
  ['backtick runs of 1–9', HEAD + fill(Array.from({ length: 9 }, (_, i) => '`'.repeat(i + 1)).join(' a '))],
  ['unclosed attribute quotes `<a x="`', HEAD + fill('<a x="')],
  ['a heading of `[a](`', `${HEAD}## EL-PR-02 ${fill('[a](')}`],
  ['markers under no measure (every one an orphan)', `---\nkind: standard\nsector: electricity\nbaseline: jp-ci-baseline@2026.1\n---\n# 電力\n\n## 記録\n${fill('対応: BL-PR-01\n')}`],
];

function cli(): void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kijun-extract-speed-'));
  try {
    const { catalog } = generate();
    mkdirSync(path.join(dir, 'baseline'), { recursive: true });
    mkdirSync(path.join(dir, 'standards'), { recursive: true });
    writeFileSync(path.join(dir, 'baseline/jp-ci-baseline.yaml'), catalog);
    writeFileSync(path.join(dir, 'kijun.yaml'), 'catalogs: [baseline/*.yaml]\nstandards: [standards/**]\n');
    console.log(`\n| 2 MB shape | \`kijun check FILE\` | budget ${BUDGET_MS / 1000} s | exit |`);
    console.log('|---|---|---|---|');
    SHAPES.forEach(([name, text], i) => {
      const file = `standards/shape-${i}.md`;
      writeFileSync(path.join(dir, file), text);
      const start = performance.now();
      const run = spawnSync(process.execPath, [KIJUN, 'check', '--no-cache', file], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28, timeout: 120_000 });
      const ms = performance.now() - start;
      const exit = run.status ?? `killed (${run.signal})`;
      console.log(`| ${name} | ${fmt(ms)} ms | ${ms < BUDGET_MS && (run.status === 0 || run.status === 1) ? 'PASS' : 'MISS'} | ${exit} |`);
      if (run.status !== 0 && run.status !== 1) console.log(`  (stderr: ${run.stderr.trim().slice(0, 300)})`);
      rmSync(path.join(dir, file));
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`load average at start: ${readFileSync('/proc/loadavg', 'utf8').trim()}; node ${process.version}; ${os.cpus().length} CPUs; median of ${RUNS} runs after 3 warm-ups\n`);
if (!args['only-cli']) documents();
if (!args['skip-cli']) cli();
