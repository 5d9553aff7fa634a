// The parse floor: the corpus read and parsed by Kijun's own parser stack and nothing else
// (remark-parse + remark-frontmatter for Markdown, `yaml` for the front matter and YAML files),
// sequentially, in a fresh process. Same packages, same versions as the project (node_modules).
// Usage: node bench/parseFloor.mjs ROOT   → prints one JSON line of counts (a check it did the work).
//        node bench/parseFloor.mjs --single FILE [RUNS]
//          → the single-document floor: FILE read once, then parsed (Markdown + front matter YAML)
//            5 times to warm up and RUNS times (default 20) timed; prints {"p50": ms, "runs": [...]}.
import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import { parseDocument } from 'yaml';

const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).freeze();

async function list(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await list(p)));
    else if (/\.(md|markdown|ya?ml)$/i.test(entry.name) && entry.name !== 'kijun.yaml') out.push(p);
  }
  return out;
}

function parseYaml(text) {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, strict: true });
  return doc.errors.length ? undefined : doc.toJS({ maxAliasCount: 100 });
}

function parseStandard(text) {
  const tree = parser.parse(text);
  const first = tree.children[0];
  if (first?.type === 'yaml') parseYaml(first.value);
  return tree;
}

if (process.argv[2] === '--single') {
  const text = await readFile(path.resolve(process.argv[3]), 'utf8');
  const runs = Number(process.argv[4] ?? 20);
  for (let i = 0; i < 5; i++) parseStandard(text);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    parseStandard(text);
    times.push(performance.now() - start);
  }
  const sorted = [...times].sort((a, b) => a - b);
  process.stdout.write(`${JSON.stringify({ p50: sorted[Math.ceil(sorted.length / 2) - 1], runs: times })}\n`);
  process.exit(0);
}

const root = path.resolve(process.argv[2] ?? '.');
const files = (await list(root)).sort();
let nodes = 0;
let bytes = 0;
let frontMatters = 0;
for (const file of files) {
  const text = await readFile(file, 'utf8');
  bytes += Buffer.byteLength(text);
  if (/\.ya?ml$/i.test(file)) {
    parseYaml(text);
    continue;
  }
  const tree = parseStandard(text);
  nodes += tree.children.length;
  if (tree.children[0]?.type === 'yaml') frontMatters++;
}
process.stdout.write(`${JSON.stringify({ files: files.length, bytes, frontMatters, topLevelNodes: nodes })}\n`);
