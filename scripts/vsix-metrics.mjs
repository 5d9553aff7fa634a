// Prints the packaged extension's size and its activation time (as VS Code measured it in the
// end-to-end run, test-results/e2e/activation.json) against the budgets of issue 4.
import { readFileSync, statSync, existsSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const vsix = path.join(root, `kijun-${version}.vsix`);
const SIZE_LIMIT = 3 * 1024 * 1024;
const ACTIVATION_LIMIT_MS = 300;

const verdict = (ok) => (ok ? 'PASS' : 'MISS');
let missing = false;

if (existsSync(vsix)) {
  const size = statSync(vsix).size;
  console.log(`vsix size: ${(size / 1024 / 1024).toFixed(2)} MB (${size} bytes), budget 3 MB: ${verdict(size < SIZE_LIMIT)}`);
} else {
  console.log(`vsix size: ${path.basename(vsix)} not built (npm run package)`);
  missing = true;
}

const activation = path.join(root, 'test-results/e2e/activation.json');
if (existsSync(activation)) {
  const { activationMs, row } = JSON.parse(readFileSync(activation, 'utf8'));
  console.log(`activation: ${activationMs} ms on the sample workspace (VS Code's Running Extensions: "${row}"), budget 300 ms: ${verdict(activationMs < ACTIVATION_LIMIT_MS)}`);
} else {
  console.log('activation: not measured (the end-to-end activation test did not run)');
  missing = true;
}
process.exitCode = missing ? 1 : 0;
