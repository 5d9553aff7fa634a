// Replays every input the fuzzer saved in test/fuzz/crashers/: each once crashed, hung or broke a
// range invariant, and must now run through every entry point cleanly.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { runInput, type FuzzInput } from './targets.js';

const DIR = path.join(import.meta.dirname, 'crashers');

interface Crasher {
  key: string;
  target: FuzzInput['target'];
  path: string;
  role: FuzzInput['role'] | null;
  base64: string;
}

describe('fuzz crashers (regressions)', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
  it('has crashers to replay', () => assert.ok(files.length > 0));
  for (const file of files) {
    const crasher = JSON.parse(readFileSync(path.join(DIR, file), 'utf8')) as Crasher;
    // Titled by what is asserted: the crasher's key is the failure it once caused, which reads like
    // a failure in a CI log next to a tick; it is shown only if the test fails again.
    it(`${file} (${crasher.target}, ${crasher.path}) runs through every entry point without a throw`, () => {
      const input: FuzzInput = { target: crasher.target, path: crasher.path, role: crasher.role ?? undefined, bytes: new Uint8Array(Buffer.from(crasher.base64, 'base64')) };
      assert.doesNotThrow(() => runInput(input), `once: ${crasher.key}`);
      // The analysis target covers every service as well; run it on each crasher too.
      assert.doesNotThrow(() => runInput({ ...input, target: 'analyze' }), `once: ${crasher.key}`);
    });
  }
});
