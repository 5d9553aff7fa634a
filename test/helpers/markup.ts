// Strict little checkers for generated markup: every `<` in the output must open a tag we
// expect, attributes must be quoted, elements must nest. Escaping mistakes show up as
// unbalanced or unexpected tags, so hostile content can be caught without a browser.
import assert from 'node:assert/strict';

const TAG = /<(\/?)([A-Za-z][A-Za-z0-9:_.-]*)((?:\s+[A-Za-z_:][A-Za-z0-9:_.-]*(?:="[^"<]*")?)*)\s*(\/?)>/y;

export interface Element {
  name: string;
  attrs: Record<string, string>;
}

/** Walks the markup; returns every opening tag. Fails on a stray `<`, `&` or bad nesting. */
export function checkMarkup(text: string, options: { voids?: string[]; xml?: boolean } = {}): Element[] {
  const voids = new Set(options.voids ?? []);
  const stack: string[] = [];
  const elements: Element[] = [];
  let i = 0;
  const prolog = options.xml ? /^<\?xml[^?]*\?>\s*/.exec(text) : /^<!DOCTYPE html>\s*/i.exec(text);
  if (prolog) i = prolog[0].length;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    checkText(text.slice(i, lt === -1 ? text.length : lt));
    if (lt === -1) break;
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt);
      assert.ok(end > 0, 'unterminated comment');
      i = end + 3;
      continue;
    }
    TAG.lastIndex = lt;
    const m = TAG.exec(text);
    assert.ok(m, `stray "<" at ${lt}: ${JSON.stringify(text.slice(lt, lt + 60))}`);
    const [, closing, name, rawAttrs, selfClosing] = m;
    const lower = options.xml ? name : name.toLowerCase();
    if (closing) {
      assert.equal(stack.pop(), lower, `</${name}> closes the wrong element at ${lt}: ${JSON.stringify(text.slice(Math.max(0, lt - 80), lt + 20))}`);
    } else {
      const attrs: Record<string, string> = {};
      for (const a of rawAttrs.matchAll(/([A-Za-z_:][A-Za-z0-9:_.-]*)(?:="([^"]*)")?/g)) {
        checkText(a[2] ?? '');
        assert.ok(!(a[1] in attrs), `duplicate attribute ${a[1]} on <${name}>`);
        attrs[a[1]] = decode(a[2] ?? '');
      }
      elements.push({ name: lower, attrs });
      if (!selfClosing && !voids.has(lower)) stack.push(lower);
      if (lower === 'style' && !closing) {
        const end = text.indexOf('</style>', TAG.lastIndex);
        assert.ok(end > 0, 'unterminated <style>');
        i = end;
        continue;
      }
    }
    i = TAG.lastIndex;
  }
  assert.deepEqual(stack, [], 'every element is closed');
  return elements;
}

function checkText(text: string): void {
  const bad = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.exec(text);
  assert.ok(!bad, `bare "&" in ${JSON.stringify(text.slice(Math.max(0, (bad?.index ?? 0) - 20), (bad?.index ?? 0) + 20))}`);
}

export function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_m, e: string) => {
    if (e === 'amp') return '&';
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    return String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
  });
}

export const HTML_VOIDS = ['meta', 'br', 'col', 'hr', 'img', 'input', 'link', 'wbr', 'source', 'area', 'base'];

/** The text content of the markup with tags removed and entities decoded. */
export function textOf(markup: string): string {
  return decode(markup.replace(/<style>[\s\S]*?<\/style>/g, '').replace(/<[^>]*>/g, ' '));
}
