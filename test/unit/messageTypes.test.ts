// The message catalog is typed: a misspelt id, a missing argument or an unknown argument of a
// finding or a message() call does not compile. Each `@ts-expect-error` below fails the
// typecheck (npm test runs tsc first) if the line it marks ever compiles; the test body then
// runs the lines that must compile, so the same file also checks what they print.
import { strict as assert } from 'node:assert';
import { message } from '../../server/src/core/messages.js';
import type { Finding } from '../../server/src/core/model.js';

const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };

describe('message types', () => {
  it('rejects a misspelt id, a missing argument and an unknown argument at compile time', () => {
    const good: Finding = { code: 'unknown-control', range, message: 'unknownControl', args: { control: 'X-1', baseline: 'b@1' } };
    // @ts-expect-error misspelt message id
    const misspelt: Finding = { code: 'unknown-control', range, message: 'unknownContrl', args: { control: 'X-1', baseline: 'b@1' } };
    // @ts-expect-error missing argument `baseline`
    const missing: Finding = { code: 'unknown-control', range, message: 'unknownControl', args: { control: 'X-1' } };
    // @ts-expect-error unknown argument `baseLine`
    const unknownArg: Finding = { code: 'unknown-control', range, message: 'unknownControl', args: { control: 'X-1', baseline: 'b@1', baseLine: 'x' } };
    // @ts-expect-error arguments omitted for a message that needs them
    const noArgs: Finding = { code: 'schema', range, message: 'schemaRequired' };
    const noArgsNeeded: Finding = { code: 'syntax', range, message: 'unterminatedFrontMatter' };
    assert.equal([good, misspelt, missing, unknownArg, noArgs, noArgsNeeded].length, 6);

    assert.match(message('ja', 'unknownControl', { control: 'X-1', baseline: 'b@1' }), /X-1 はベースライン b@1 にありません/);
    // @ts-expect-error misspelt id in a direct call
    assert.equal(message('en', 'noSuchMessage'), 'noSuchMessage');
    // @ts-expect-error missing argument in a direct call
    assert.match(message('en', 'badAsOf', {}), /--as-of/);
    // @ts-expect-error arguments are required
    assert.match(message('en', 'badAsOf'), /--as-of/);
    assert.match(message('en', 'xlsxNeedsOutput'), /--output FILE\.xlsx/);
    assert.match(message('en', 'schemaType', { path: 'level', type: { ja: '整数', en: 'a whole number' } }), /expected a whole number/);
  });
});
