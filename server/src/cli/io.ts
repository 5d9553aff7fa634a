// What every CLI command is handed and shares: its I/O, and the language kijun.yaml asks for.
// Kept apart from main.ts (which dispatches to the commands) so that no command imports main.
import * as path from 'node:path';
import type { Locale } from '../core/model.js';
import { decodeBytes } from '../core/decode.js';
import { parseConfig } from '../core/config.js';
import { nodeFs, findConfig, toPosix } from '../node/nodeFs.js';
import { usageError } from './usage.js';

export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** `locale` of the kijun.yaml that applies (given by --config or found above cwd), if it sets one. */
export async function configLocale(explicit: string | undefined, cwd: string): Promise<Locale | undefined> {
  const file = explicit ? toPosix(path.resolve(cwd, explicit)) : await findConfig(cwd);
  if (!file) return undefined;
  const bytes = await nodeFs.readFile(file).catch(() => undefined);
  const decoded = bytes ? decodeBytes(bytes) : undefined;
  return decoded?.ok ? parseConfig(decoded.text).config.locale : undefined;
}

/** The kijun.yaml that applies: `--config`, else one found upward from the first PATH, else from cwd. */
export async function locateConfig(explicit: string | undefined, paths: string[], cwd: string): Promise<string | undefined> {
  if (explicit) {
    const p = toPosix(path.resolve(cwd, explicit));
    if (!(await nodeFs.stat(p))) throw usageError('usageConfigNotFound', { path: explicit });
    return p;
  }
  const first = paths[0];
  if (first) {
    const stat = await nodeFs.stat(first);
    const found = await findConfig(stat?.isDirectory ? first : path.dirname(first));
    if (found) return found;
  }
  return findConfig(cwd);
}
