// A misspelt rule name or top-level key in kijun.yaml: a located schema finding that names the
// nearest key the configuration allows, in both languages.
import { strict as assert } from 'node:assert';
import { parseConfig } from '../../server/src/core/config.js';
import { formatMessage } from '../../server/src/core/messages.js';

function schemaFindings(text: string) {
  return parseConfig(text).findings.filter((f) => f.code === 'schema');
}

describe('kijun.yaml: did you mean', () => {
  it('names uncovered-control for a rule written uncovered-contrl, at the misspelt key', () => {
    const [f, ...rest] = schemaFindings('locale: ja\nrules:\n  uncovered-contrl: warning\n');
    assert.equal(rest.length, 0);
    assert.deepEqual(f.range.start, { line: 2, character: 2 });
    assert.equal(formatMessage(f.message, f.args, 'en'), 'Key uncovered-contrl is not allowed. Did you mean uncovered-control?');
    assert.equal(formatMessage(f.message, f.args, 'ja'), 'キー uncovered-contrl は使えません。uncovered-control のことですか。');
  });

  it('names the nearest top-level key, and keeps the x- hint', () => {
    const [f] = schemaFindings('standars:\n  - standards/**/*.md\n');
    assert.deepEqual(f.range.start, { line: 0, character: 0 });
    assert.match(formatMessage(f.message, f.args, 'en'), /^Key standars is not allowed\. Did you mean standards\? .*x-/);
  });

  it('suggests nothing for a key near no allowed one', () => {
    const [f] = schemaFindings('rules:\n  something-else-entirely: error\n');
    assert.equal(formatMessage(f.message, f.args, 'en'), 'Key something-else-entirely is not allowed.');
  });
});
