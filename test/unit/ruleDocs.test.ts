// Every rule a user can meet links to its page (diagnostics and SARIF carry the link): the page
// must exist, speak both languages, and be listed in the index.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { RULE_CODES } from '../../server/src/core/rules.js';

const dir = new URL('../../docs/rules/', import.meta.url);

describe('rule pages', () => {
  const index = readFileSync(new URL('README.md', dir), 'utf8');

  for (const code of RULE_CODES) {
    it(`${code}: a page in Japanese and English, listed in the index`, () => {
      const page = new URL(`${code}.md`, dir);
      assert.ok(existsSync(page), `docs/rules/${code}.md is missing`);
      const text = readFileSync(page, 'utf8');
      assert.match(text, new RegExp(`^# ${code}$`, 'm'));
      assert.match(text, /^## 日本語$/m);
      assert.match(text, /^## English$/m);
      assert.ok(index.includes(`(${code}.md)`), `docs/rules/README.md does not link ${code}.md`);
    });
  }

  it('has no page for a rule that does not exist', () => {
    const pages = readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md').map((f) => f.slice(0, -3));
    assert.deepEqual(pages.filter((p) => !(RULE_CODES as string[]).includes(p)), []);
  });
});
