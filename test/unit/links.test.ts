// Every relative link and #anchor in the project's Markdown resolves: READMEs, docs, samples and
// the READMEs under test/. Anchors are GitHub's heading slugs (Japanese headings included) or
// explicit <a id>/<a name>. No network: links with a scheme (https:, mailto:) are not followed.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tempDir } from '../helpers/tmp.js';
import * as path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SKIP_DIRS = new Set(['node_modules', 'out', 'dist', 'coverage', 'bench']);

/** The Markdown files users and reviewers read: all but test fixtures (which may be broken on purpose). */
function markdownFiles(dir = ROOT): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || SKIP_DIRS.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...markdownFiles(full));
    else if (entry.name.endsWith('.md')) out.push(full);
  }
  return out.filter((f) => {
    const rel = path.relative(ROOT, f).split(path.sep).join('/');
    return !rel.startsWith('test/') || path.basename(rel) === 'README.md';
  });
}

/** The lines outside fenced code blocks (code shows links and headings, it does not make them). */
function prose(text: string): string[] {
  const lines = text.split(/\r?\n/);
  let fence: string | undefined;
  return lines.map((line) => {
    const open = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (open && open[1][0] === fence[0] && open[1].length >= fence.length) fence = undefined;
      return '';
    }
    if (open) {
      fence = open[1];
      return '';
    }
    return line;
  });
}

function withoutInlineCode(line: string): string {
  return line.replace(/(`+)[^`]*?\1/g, '');
}

/** Link targets: inline links and images, reference definitions, and href/src attributes. */
function linkTargets(text: string): string[] {
  const out: string[] = [];
  for (const line of prose(text).map(withoutInlineCode)) {
    for (const m of line.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) out.push(m[1]);
    const def = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/.exec(line);
    if (def) out.push(def[1]);
    for (const m of line.matchAll(/\b(?:href|src)="([^"]+)"/g)) out.push(m[1]);
  }
  return out;
}

/** GitHub's heading id: lower case, punctuation removed, spaces to hyphens, -1, -2 … for repeats. */
function headingSlugs(text: string): Set<string> {
  const slugs = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of prose(text)) {
    for (const m of line.matchAll(/<a\s+(?:[^>]*\s)?(?:id|name)="([^"]+)"/g)) slugs.add(m[1]);
    const h = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!h) continue;
    const visible = h[1]
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]+>/g, '')
      .replace(/[*`]/g, '');
    const base = visible.toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    slugs.add(n === 0 ? base : `${base}-${n}`);
  }
  return slugs;
}

const slugCache = new Map<string, Set<string>>();
function slugsOf(file: string): Set<string> {
  let s = slugCache.get(file);
  if (!s) slugCache.set(file, (s = headingSlugs(readFileSync(file, 'utf8'))));
  return s;
}

/** Why a link from `file` does not resolve, or undefined when it does. */
function brokenLink(file: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) return undefined;
  const [rawPath, rawAnchor] = target.split('#', 2) as [string, string | undefined];
  const pathPart = decodeURIComponent(rawPath.split('?')[0]);
  const resolved = pathPart === '' ? file : path.resolve(pathPart.startsWith('/') ? ROOT : path.dirname(file), pathPart.replace(/^\//, ''));
  if (!existsSync(resolved)) return 'no such file';
  if (rawAnchor === undefined || rawAnchor === '' || !resolved.endsWith('.md') || statSync(resolved).isDirectory()) return undefined;
  const anchor = decodeURIComponent(rawAnchor);
  return slugsOf(resolved).has(anchor) ? undefined : `no heading #${anchor}`;
}

describe('Markdown links', () => {
  const files = markdownFiles();

  it('finds the project\'s Markdown files', () => {
    const rel = files.map((f) => path.relative(ROOT, f).split(path.sep).join('/'));
    for (const f of ['README.md', 'README.ja.md', 'docs/oscal.md', 'docs/glossary.md']) assert.ok(rel.includes(f), f);
    assert.ok(rel.some((f) => f.startsWith('samples/')) && rel.some((f) => f.startsWith('docs/rules/')));
  });

  it('makes GitHub\'s slugs of English and Japanese headings', () => {
    const slugs = headingSlugs('# The checker\n## 検査コマンド\n## `kijun import oscal`\n## A, B & C (d)\n## A, B & C (d)\n```\n# not a heading\n```\n<a id="x-y"></a>\n');
    assert.deepEqual([...slugs].sort(), ['a-b--c-d', 'a-b--c-d-1', 'kijun-import-oscal', 'the-checker', 'x-y', '検査コマンド']);
  });

  it('reports a link to a missing file or heading, and follows no URL', () => {
    const dir = tempDir('kijun-links-');
    writeFileSync(path.join(dir, 'b.md'), '# 適用除外の書き方\n');
    const a = path.join(dir, 'a.md');
    writeFileSync(a, '[x](missing.md) [y](b.md#適用除外の書き方) [z](b.md#nope) [w](https://example.invalid/none.md) `[v](gone.md)`\n');
    const found = linkTargets(readFileSync(a, 'utf8')).map((t) => [t, brokenLink(a, t)]);
    assert.deepEqual(found, [['missing.md', 'no such file'], ['b.md#適用除外の書き方', undefined], ['b.md#nope', 'no heading #nope'], ['https://example.invalid/none.md', undefined]]);
  });

  it('resolves every relative link and anchor', () => {
    const broken: string[] = [];
    let checked = 0;
    for (const file of files) {
      for (const target of linkTargets(readFileSync(file, 'utf8'))) {
        if (!/^[a-z][a-z0-9+.-]*:/i.test(target)) checked++;
        const why = brokenLink(file, target);
        if (why) broken.push(`${path.relative(ROOT, file)}: ${target} (${why})`);
      }
    }
    assert.deepEqual(broken, []);
    assert.ok(checked > 50, `${checked} relative links checked`);
  });
});
