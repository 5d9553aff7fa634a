// Strength as authors write it: by wording, by a declaration, and by the section a measure stands
// in, in Japanese and English, read from Markdown and YAML standards the way extraction reads them.
import assert from 'node:assert/strict';
import { extractFile } from '../../server/src/core/extract.js';
import type { Measure, StandardModel } from '../../server/src/core/model.js';
import { check, diagnosticsOf, CATALOG, markdown } from '../helpers/memoryWorkspace.js';

function measures(body: string): Map<string, Measure> {
  const model = extractFile('/ws/std.md', markdown('', body)).model as StandardModel;
  return new Map(model.measures.map((m) => [m.id, m]));
}

function strengthOf(body: string, id = 'EL-PR-01') {
  const m = measures(body).get(id);
  assert.ok(m, `measure ${id} found`);
  return m.strength;
}

describe('strength as authors write it', () => {
  describe('wording', () => {
    it('obligations are required (しなければならない, すること。, shall, must)', () => {
      assert.equal(strengthOf('## EL-PR-01 x\n多要素認証を用いなければならない。\n').strength, 'required');
      assert.equal(strengthOf('## EL-PR-01 x\n多要素認証を用いること。\n').strength, 'required');
      assert.equal(strengthOf('## EL-PR-01 x\nOperators shall use MFA.\n').strength, 'required');
      assert.equal(strengthOf('## EL-PR-01 x\nOperators must use MFA.\n').strength, 'required');
    });

    it('望ましい, 努める, 推奨 and should are recommended', () => {
      assert.deepEqual(strengthOf('## EL-PR-01 x\n多要素認証を用いることが望ましい。\n'), { strength: 'recommended', source: 'wording', phrase: '多要素認証を用いることが望ましい' });
      assert.equal(strengthOf('## EL-PR-01 x\n多要素認証を用いるよう努めなければならない。\n').strength, 'recommended');
      assert.equal(strengthOf('## EL-PR-01 x\nOperators should use MFA.\n').strength, 'recommended');
    });

    it('「検討すること」 is recommended, though it ends like an obligation', () => {
      const s = strengthOf('## EL-PR-01 x\n耐量子計算機暗号への移行を検討すること。\n');
      assert.equal(s.strength, 'recommended');
      assert.match(s.phrase ?? '', /検討すること/);
      assert.equal(strengthOf('## EL-PR-01 x\n移行を検討すること。計画を策定しなければならない。\n').strength, 'required', 'a real obligation next to it still decides');
    });

    it('English "may" is a permission, not a recommendation', () => {
      const alone = strengthOf('## EL-PR-01 x\nOperators may use allow-listing instead of definition updates.\n');
      assert.equal(alone.strength, 'required');
      assert.equal(alone.source, 'default');
      assert.match(alone.permission ?? '', /may use allow-listing/);
      const withShall = strengthOf('## EL-PR-01 x\nOperators shall protect endpoints; they may use allow-listing.\n');
      assert.equal(withShall.strength, 'required');
      assert.equal(withShall.phrase, 'shall');
    });

    it('「原則として…ただし…この限りでない」 is required with an exception', () => {
      const s = strengthOf('## EL-PR-01 x\n原則として、遠隔保守には多要素認証を用いる。ただし、閉域網内の保守端末についてはこの限りでない。\n');
      assert.equal(s.strength, 'required');
      assert.equal(s.exception, 'ただし、閉域網内の保守端末についてはこの限りでない。');
      assert.match(s.phrase ?? '', /^原則として…ただし/);
    });

    it('English: "as a rule … this does not apply where …" is required with an exception', () => {
      const s = strengthOf('## EL-PR-01 x\nAs a rule, operators shall use MFA for remote maintenance. This does not apply where the terminal never leaves the closed network.\n');
      assert.equal(s.strength, 'required');
      assert.match(s.exception ?? '', /^This does not apply where the terminal/);
    });

    it('no deciding words: required by default', () => {
      assert.deepEqual(strengthOf('## EL-PR-01 x\n多要素認証。\n'), { strength: 'required', source: 'default' });
    });
  });

  describe('declaration', () => {
    it('Strength: / 強度: wins over wording and heading', () => {
      assert.equal(strengthOf('## EL-PR-01 x\nStrength: recommended\nOperators shall use MFA.\n').source, 'declared');
      assert.equal(strengthOf('## EL-PR-01 x\n強度: 推奨\n用いなければならない。\n').strength, 'recommended');
      assert.equal(strengthOf('## 【対応が望ましい事項】\n\n### EL-PR-01 x\n強度：必須\n用いることが望ましい。\n').strength, 'required');
    });
  });

  describe('section heading', () => {
    it('a measure under 【対応が望ましい事項】 is recommended, even when written 「…すること。」', () => {
      const s = strengthOf('## 【基本的な対応事項】\n\n### EL-PR-02 y\n用いること。\n\n## 【対応が望ましい事項】\n\n### EL-PR-01 x\nパスキーを用いること。\n');
      assert.deepEqual(s, { strength: 'recommended', source: 'heading', phrase: '【対応が望ましい事項】' });
    });

    it('望ましい事項, 推奨事項 and "Recommended practices" set the strength; deeper nesting too', () => {
      for (const heading of ['# 望ましい事項', '# 推奨事項', '# Recommended practices']) {
        const s = strengthOf(`${heading}\n\n## 3.1 Access\n\n### EL-PR-01 x\nUse passkeys.\n`);
        assert.equal(s.strength, 'recommended', heading);
        assert.equal(s.source, 'heading', heading);
      }
    });

    it('an explicit obligation under such a heading is still required', () => {
      assert.equal(strengthOf('## 推奨事項\n\n### EL-PR-01 x\n用いなければならない。\n').strength, 'required');
      assert.equal(strengthOf('## Recommended practices\n\n### EL-PR-01 x\nOperators must use MFA.\n').strength, 'required');
    });

    it('the heading applies only to the measures under it, not to later sections', () => {
      const all = measures('## 【対応が望ましい事項】\n\n### EL-PR-01 x\nパスキーを用いること。\n\n## 【基本的な対応事項】\n\n### EL-PR-02 y\nMFA を用いること。\n');
      assert.equal(all.get('EL-PR-01')?.strength.strength, 'recommended');
      assert.equal(all.get('EL-PR-02')?.strength.strength, 'required');
    });

    it('a heading inside a code block is not a heading', () => {
      assert.equal(strengthOf('```\n# 推奨事項\n```\n\n## EL-PR-01 x\nパスキーを用いること。\n').strength, 'required');
    });
  });

  it('YAML measures: 検討すること and may as in Markdown, strength: declared', async () => {
    const yaml = (text: string, extra = '') => `kind: standard\nsector: finance\nbaseline: jp-ci-baseline@2026.1\nmeasures:\n  - id: FN-PR-01\n    covers: [BL-PR-01]\n    text: ${text}\n${extra}`;
    const of = (text: string, extra?: string) => (extractFile('/ws/f.yaml', yaml(text, extra)).model as StandardModel).measures[0].strength;
    assert.equal(of('導入を検討すること。').strength, 'recommended');
    assert.equal(of('Operators may use passkeys.').source, 'default');
    assert.equal(of('Operators shall use MFA.', '    strength: recommended\n').source, 'declared');
  });

  it('weak-coverage follows the heading: a required control covered only under 【対応が望ましい事項】', async () => {
    const body = '## 【対応が望ましい事項】\n\n### EL-PR-01 認証\nCovers: BL-PR-01\n多要素認証を用いること。\n\n## 基本\n\n### EL-PR-05 x\nCovers: BL-PR-05, BL-GV-01\n';
    const { report } = await check({ 'c.yaml': CATALOG, 'el.md': markdown('', body) });
    assert.deepEqual(report.coverage[0].weak, ['BL-PR-01']);
    assert.ok(diagnosticsOf(report, 'el.md').some((d) => d.code === 'weak-coverage' && d.control === 'BL-PR-01'));
  });
});
