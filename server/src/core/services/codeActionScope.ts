// Which diagnostics a code action request is about and which kinds it wants. Editors differ:
// VS Code passes the diagnostics under the cursor and asks `source.fixAll` on save; Neovim's
// `vim.lsp.buf.code_action()` with a range, Helix and others may send no diagnostics at all.
import type { CodeActionContext, Diagnostic, Range } from 'vscode-languageserver-types';
import { FIX_ALL_KIND } from './fixAll.js';

export const CODE_ACTION_KINDS = ['quickfix', 'source.fixAll', FIX_ALL_KIND];

/** The client asked only for some kinds; a kind is wanted when it is one of them or nested under one. */
function wants(context: CodeActionContext, kind: string): boolean {
  if (!context.only || context.only.length === 0) return kind === 'quickfix';
  return context.only.some((k) => kind === k || kind.startsWith(`${k}.`));
}

/** `source.fixAll` (all fixers, as on save) and `source.fixAll.kijun` are answered with Kijun's safe fixes. */
export function wantsFixAll(context: CodeActionContext): boolean {
  return context.only !== undefined && wants(context, FIX_ALL_KIND);
}

export function wantsQuickFixes(context: CodeActionContext): boolean {
  return wants(context, 'quickfix');
}

/**
 * The diagnostics the quick-fixes are for: those the client passed, or, when it passed none,
 * the server's own diagnostics of the document that touch the range.
 */
export function diagnosticsInRange(context: CodeActionContext, range: Range, own: readonly Diagnostic[]): Diagnostic[] {
  if (context.diagnostics.length > 0) return context.diagnostics;
  return own.filter((d) => touches(d.range, range));
}

function touches(a: Range, b: Range): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function before(p: { line: number; character: number }, q: { line: number; character: number }): boolean {
  return p.line < q.line || (p.line === q.line && p.character < q.character);
}
