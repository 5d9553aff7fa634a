// printable(): the one escaping of workspace text for terminals and CI logs.
import assert from 'node:assert/strict';
import { printable, printableField } from '../../server/src/core/printable.js';

describe('printable', () => {
  it('writes every C0, DEL and C1 control as its \\u escape', () => {
    for (let c = 0; c <= 0x9f; c++) {
      if (c >= 0x20 && c < 0x7f) continue;
      assert.equal(printable(String.fromCharCode(c)), `\\u${c.toString(16).padStart(4, '0')}`);
    }
    assert.equal(printable('a\u001b[2Jb\rc\nd\te'), 'a\\u001b[2Jb\\u000dc\\u000ad\\u0009e');
  });

  it('writes the bidirectional controls and the line and paragraph separators as escapes', () => {
    const marks = [0x061c, 0x200e, 0x200f, 0x2028, 0x2029, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069];
    for (const c of marks) assert.equal(printable(`x${String.fromCharCode(c)}y`), `x\\u${c.toString(16).padStart(4, '0')}y`);
  });

  it('keeps printable text, Japanese and emoji as they are', () => {
    const text = 'BL-PR-01 多要素認証「対応」、ＢＬ－ＰＲ－０１ 😀 \u00a0é ~';
    assert.equal(printable(text), text);
  });

  it('printableField: no text passes for a compiler-style location', () => {
    assert.equal(printableField('a.md:1:2: error x: y\n'), 'a.md\\u003a1:2: error x: y\\u000a');
    assert.equal(printableField('12:30 版 1:2'), '12:30 版 1:2');
  });
});
