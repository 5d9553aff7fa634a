// The language server reaches the core through the facade only (server/src/core/service.ts), so
// what the editor is told is decided in one place and the services can be tested without a host.
// This fails when a module of server/src/lsp starts importing another core module.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const LSP = path.join(ROOT, 'server/src/lsp');
const CORE = path.join(ROOT, 'server/src/core');

/** The core modules a host module may import, with why. */
const ALLOWED: Record<string, string> = {
  'service.ts': 'the language-service facade: every editor service, the engine the host keeps current and the types it handles',
  'formats/correspondence.ts': 'a format: the correspondence table the export request writes',
  'formats/xlsx.ts': 'a format: the workbook bytes the export request writes',
  'formats/csfProfile.ts': 'a format: the CSF profile files the export request writes',
};

/** Core modules named by an `import`, `import type`, `export … from` or dynamic `import()` of a file. */
function coreImports(file: string): string[] {
  const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) {
    const target = path.resolve(path.dirname(file), m[1]).replace(/\.js$/, '.ts');
    if (target.startsWith(`${CORE}${path.sep}`)) out.push(path.relative(CORE, target).split(path.sep).join('/'));
  }
  return out;
}

describe('host imports', () => {
  it('the language server imports no core module but the facade and the formats', () => {
    const files = readdirSync(LSP).filter((n) => n.endsWith('.ts'));
    assert.ok(files.includes('server.ts'), 'server/src/lsp/server.ts is where the host starts');
    const used = new Map<string, string[]>();
    for (const name of files) {
      for (const target of coreImports(path.join(LSP, name))) used.set(target, [...(used.get(target) ?? []), name]);
    }
    const extra = [...used].filter(([target]) => !(target in ALLOWED)).map(([target, by]) => `${target} (imported by ${by.join(', ')})`);
    assert.deepEqual(extra, [], 'route the call through server/src/core/service.ts, or add the module to ALLOWED with the reason');
    assert.ok(used.has('service.ts'), 'the server uses the facade');
  });
});
