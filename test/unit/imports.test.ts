// Architecture rules that the compiler does not check: no import cycle among server/src modules
// (type-only imports and re-exports included), and the core imports no host.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SRC = path.join(ROOT, 'server/src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.ts$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Relative imports of a module (`import`, `import type`, `export … from`, dynamic `import()`), as absolute .ts paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) {
    out.push(path.resolve(path.dirname(file), m[1]).replace(/\.js$/, '.ts'));
  }
  return out;
}

/** Strongly connected components with more than one module (or a module importing itself): Tarjan. */
function cycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.map((f) => path.relative(SRC, f)).sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

/**
 * Cycles that existed when this test was written, each still to be broken (issue 14). The list
 * may only shrink: any other cycle, or one of these growing, fails the test.
 */
const KNOWN_CYCLES: string[][] = [];

describe('architecture', () => {
  const graph = new Map(sources(SRC).map((f) => [f, importsOf(f)]));

  it('no import cycle among server/src modules, type imports included (beyond the known ones being broken)', () => {
    const known = new Set(KNOWN_CYCLES.map((c) => c.join(' ')));
    assert.deepEqual(cycles(graph).filter((c) => !known.has(c.join(' '))), []);
  });

  it('the core imports no host module (cli, lsp, node) and no Node built-in', () => {
    const wrong: string[] = [];
    for (const [file, imports] of graph) {
      const rel = path.relative(SRC, file);
      if (!rel.startsWith('core/')) continue;
      for (const target of imports) if (target.endsWith('.ts') && !path.relative(SRC, target).startsWith('core/')) wrong.push(`${rel} → ${path.relative(SRC, target)}`);
      if (/['"]node:|from ['"](fs|path|os|child_process|worker_threads|crypto)['"]/.test(readFileSync(file, 'utf8'))) wrong.push(`${rel} → a Node built-in`);
    }
    assert.deepEqual(wrong, []);
  });

  it('the cycle finder finds a cycle of type imports', () => {
    const a = path.join(SRC, 'a.ts');
    const b = path.join(SRC, 'b.ts');
    assert.deepEqual(cycles(new Map([[a, [b]], [b, [a]]])), [['a.ts', 'b.ts']]);
  });
});
