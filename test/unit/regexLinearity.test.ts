// Every regular expression in the product runs on text an author (or an attacker) wrote. A
// repeated group that itself repeats can take exponential time on a line that almost matches,
// so each such literal must be reviewed and listed here with why it stays linear. A new one
// fails this test until someone has looked at it. (The hostile-input timings are in
// `bench/extractSpeed.ts`; this test keeps the shapes from coming back.)
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { mayBacktrack } from '../../server/src/core/labels.js';

const ROOT = path.resolve(import.meta.dirname, '../../server/src');

/** Each repeated group starts with a delimiter its inner repetition cannot match, so there is one way to split the input. */
const DELIMITED = 'each repetition starts with a delimiter that the inner repetition cannot match';

const REVIEWED: Record<string, string> = {
  '^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$': DELIMITED,
  '^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+$': DELIMITED,
  '^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+': DELIMITED,
  '^[A-Za-z][A-Za-z0-9_]*(?:[-.][A-Za-z0-9_]+)+$': DELIMITED,
  '^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+(?=$|[\\s:：.．、,，)）\\]】「『(（-])': DELIMITED,
  '(?<![A-Za-z0-9_])[A-Za-z][A-Za-z0-9_]*(?:[-.][A-Za-z0-9_]+)+': `${DELIMITED}; the look-behind starts a match only at a word start`,
  '(?<![A-Za-z0-9_.-])[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+(?![A-Za-z0-9_-])': `${DELIMITED}; the look-behind starts a match only at a word start`,
  '(?<![\\w.@-])[A-Za-z][\\w.@-]*(?:, [A-Za-z][\\w.@-]*){9,}': `${DELIMITED} (", "); the look-behind starts a match only at a word start`,
  '^((?:[0-9]+\\.)*)([0-9]+)$': `${DELIMITED} (the dot); run on one measure label`,
  '^([0-9０-９]+(?:[.．][0-9０-９]+)*)([.．])?([(（][0-9０-９]{1,3}[)）]|[\\u2460-\\u2473\\u3251-\\u325f\\u32b1-\\u32bf])?(?=[\\s\\u3000]|$)': DELIMITED,
  '^ {0,3}(#{1,6}([ \\t]|$)|([-*_])[ \\t]*(\\3[ \\t]*){2,}$)': `${DELIMITED} (the rule character)`,
  '^\\s*\\{\\s*(?:"\\$schema"\\s*:\\s*"(?:[^"\\\\]|\\\\.)*"\\s*,\\s*)?"(catalog|profile)"\\s*:\\s*\\{': 'the alternatives inside the string are disjoint (a non-quote non-backslash, or an escape)',
};

/** A marker key after list markers: `- - **Covers:**`. Each list marker is a delimiter. */
const KEY_LINE = /^\^\[ \\t\]\*\(\?:\[-\*\+>?\]\[ \\t\]\*\)\*|^\^\[ \\t\]\*\(\?:\(\?:\[-\*\+\]\|\\d\{1,9\}\[\.\)\]\)\[ \\t\]\+\)\*/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Regular expression literals: a slash not after a value, a body with classes and escapes, a slash. */
const LITERAL = /(?<![\w)\]$])\/((?:\\.|\[(?:\\.|[^\]\\\n])*\]|[^/\\\n[])+)\/([dgimsuyv]*)/g;

function literals(file: string): string[] {
  const out: string[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (/^\s*(\/\/|\*|\/\*)/.test(line)) continue;
    for (const m of line.matchAll(LITERAL)) {
      try {
        new RegExp(m[1]);
        out.push(m[1]);
      } catch {
        // Not a regular expression (a division, a path in a string).
      }
    }
  }
  return out;
}

describe('regular expressions on workspace text', () => {
  it('every literal with a repeated group that repeats has been reviewed as linear', () => {
    const unreviewed: string[] = [];
    for (const file of sources(ROOT)) {
      for (const pattern of literals(file)) {
        if (!mayBacktrack(pattern) || REVIEWED[pattern] || KEY_LINE.test(pattern)) continue;
        unreviewed.push(`${path.relative(ROOT, file)}: /${pattern}/`);
      }
    }
    assert.deepEqual(unreviewed, []);
  });

  it('the check itself flags the shapes that backtrack', () => {
    for (const bad of ['(a+)+$', '(\\w*)*x', '(?:a|ab)*c', '([a-z]+\\s?)+$']) assert.equal(mayBacktrack(bad), true, bad);
  });
});
