// `kijun check --fix`: writes the safe fixes (services/fixAll.ts) into the files that have them,
// and nothing else. A file that is not plain UTF-8 is left as it is, so no byte of the author's
// text changes except the flagged tokens.
import { promises as fsp } from 'node:fs';
import type { Locale } from '../core/model.js';
import type { LoadedWorkspace } from '../core/workspace.js';
import { toDiagnostics } from '../core/diagnostics.js';
import { toLspDiagnostic } from '../core/services/lspDiagnostics.js';
import { applyEdits, safeFixEdits } from '../core/services/fixAll.js';

export interface FixedFile {
  path: string;
  count: number;
}

const BOM = [0xef, 0xbb, 0xbf];

export async function writeSafeFixes(loaded: LoadedWorkspace, locale: Locale): Promise<FixedFile[]> {
  const fixed: FixedFile[] = [];
  for (const path of [...loaded.reported].sort()) {
    const file = loaded.analysis.files.get(path);
    const findings = loaded.analysis.findings.get(path) ?? [];
    if (!file?.model || findings.length === 0) continue;
    const diagnostics = toDiagnostics(findings, { locale, rules: loaded.config.rules, docsBase: '', suppressions: file.suppressions }).map(toLspDiagnostic);
    const text = await readUtf8(path);
    if (text === undefined) continue;
    const edits = safeFixEdits(text.body, diagnostics);
    if (edits.length === 0) continue;
    await fsp.writeFile(path, text.bom + applyEdits(text.body, edits));
    fixed.push({ path, count: edits.length });
  }
  return fixed;
}

/** The file's text as extraction saw it (without a UTF-8 BOM), or undefined when it is not UTF-8. */
async function readUtf8(path: string): Promise<{ bom: string; body: string } | undefined> {
  const bytes = await fsp.readFile(path);
  const hasBom = BOM.every((b, i) => bytes[i] === b);
  try {
    const body = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(hasBom ? bytes.subarray(3) : bytes);
    return { bom: hasBom ? '\ufeff' : '', body };
  } catch {
    return undefined;
  }
}
