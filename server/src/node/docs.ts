import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/** file: URI of docs/rules/ in the installed package; bundles live in out/ beside docs/. */
export function docsBase(): string {
  const here = typeof __dirname === 'string' ? __dirname : process.cwd();
  return pathToFileURL(path.join(here, '..', 'docs', 'rules') + path.sep).href;
}
