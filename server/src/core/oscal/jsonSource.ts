// JSON with source positions. A small recursive-descent parser (RFC 8259) that records the
// offsets of every value and key; the `yaml` package reads JSON too, but about 300 times more
// slowly, which matters for OSCAL catalogs of several megabytes.
import type { Finding } from '../model.js';
import type { LineIndex } from '../text.js';
import { treeRanges, type OscalSource, type PosNode } from './source.js';

const MAX_DEPTH = 512;

class JsonSyntaxError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

export function parseJsonSource(text: string, lines: LineIndex): OscalSource {
  try {
    const parser = new Parser(text);
    const { value, node } = parser.document();
    return { format: 'json', value, findings: [], lines, rangeAt: treeRanges(node, lines) };
  } catch (err) {
    if (!(err instanceof JsonSyntaxError)) throw err;
    const at = Math.min(err.offset, Math.max(0, text.length - 1));
    const finding: Finding = { code: 'syntax', range: lines.range(at, Math.min(text.length, at + 1)), message: 'jsonSyntax', args: { detail: err.message } };
    return { format: 'json', value: undefined, findings: [finding], lines, rangeAt: treeRanges(undefined, lines) };
  }
}

/** Only the value, as JSON.parse would give it, but never throwing: undefined when invalid. */
export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class Parser {
  private i = 0;

  constructor(private readonly text: string) {}

  document(): { value: unknown; node: PosNode } {
    this.space();
    const result = this.value(0);
    this.space();
    if (this.i < this.text.length) this.fail('unexpected text after the end of the document');
    return result;
  }

  private value(depth: number): { value: unknown; node: PosNode } {
    if (depth > MAX_DEPTH) this.fail('nesting too deep');
    const c = this.text.charCodeAt(this.i);
    const start = this.i;
    switch (c) {
      case 0x7b /* { */:
        return this.object(depth);
      case 0x5b /* [ */:
        return this.array(depth);
      case 0x22 /* " */: {
        const value = this.string();
        return { value, node: { start, end: this.i } };
      }
      case 0x74 /* t */:
        return this.literal('true', true);
      case 0x66 /* f */:
        return this.literal('false', false);
      case 0x6e /* n */:
        return this.literal('null', null);
      default:
        if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
          NUMBER.lastIndex = this.i;
          const m = NUMBER.exec(this.text);
          if (!m) this.fail('invalid number');
          this.i += m![0].length;
          return { value: Number(m![0]), node: { start, end: this.i } };
        }
        if (Number.isNaN(c)) this.fail('unexpected end of the document');
        this.fail(`unexpected character ${JSON.stringify(this.text[this.i])}`);
    }
  }

  private object(depth: number): { value: unknown; node: PosNode } {
    const start = this.i++;
    const value: Record<string, unknown> = {};
    const children = new Map<string, PosNode>();
    this.space();
    if (this.text.charCodeAt(this.i) === 0x7d /* } */) {
      this.i++;
      return { value, node: { start, end: this.i, children } };
    }
    for (;;) {
      this.space();
      if (this.text.charCodeAt(this.i) !== 0x22) this.fail('expected a property name in double quotes');
      const keyStart = this.i;
      const key = this.string();
      const keyEnd = this.i;
      this.space();
      if (this.text.charCodeAt(this.i) !== 0x3a /* : */) this.fail('expected ":" after a property name');
      this.i++;
      this.space();
      const member = this.value(depth + 1);
      member.node.keyStart = keyStart;
      member.node.keyEnd = keyEnd;
      // JSON.parse semantics: the last duplicate wins; `__proto__` stays an own property.
      if (key === '__proto__') Object.defineProperty(value, key, { value: member.value, writable: true, enumerable: true, configurable: true });
      else value[key] = member.value;
      children.set(key, member.node);
      this.space();
      const c = this.text.charCodeAt(this.i);
      if (c === 0x2c /* , */) {
        this.i++;
        continue;
      }
      if (c === 0x7d) {
        this.i++;
        return { value, node: { start, end: this.i, children } };
      }
      this.fail('expected "," or "}"');
    }
  }

  private array(depth: number): { value: unknown; node: PosNode } {
    const start = this.i++;
    const value: unknown[] = [];
    const children: PosNode[] = [];
    this.space();
    if (this.text.charCodeAt(this.i) === 0x5d /* ] */) {
      this.i++;
      return { value, node: { start, end: this.i, children } };
    }
    for (;;) {
      this.space();
      const item = this.value(depth + 1);
      value.push(item.value);
      children.push(item.node);
      this.space();
      const c = this.text.charCodeAt(this.i);
      if (c === 0x2c) {
        this.i++;
        continue;
      }
      if (c === 0x5d) {
        this.i++;
        return { value, node: { start, end: this.i, children } };
      }
      this.fail('expected "," or "]"');
    }
  }

  private string(): string {
    const text = this.text;
    const start = this.i++;
    let chunkStart = this.i;
    let out = '';
    for (;;) {
      const c = text.charCodeAt(this.i);
      if (c === 0x22) break;
      if (c === 0x5c /* \ */) {
        out += text.slice(chunkStart, this.i);
        out += this.escape();
        chunkStart = this.i;
        continue;
      }
      if (Number.isNaN(c)) this.fail('unterminated string', start);
      if (c < 0x20) this.fail('control character in a string (escape it)');
      this.i++;
    }
    out += text.slice(chunkStart, this.i);
    this.i++;
    return out;
  }

  /** One escape sequence at `\`; advances past it. */
  private escape(): string {
    const c = this.text[this.i + 1];
    this.i += 2;
    switch (c) {
      case '"': return '"';
      case '\\': return '\\';
      case '/': return '/';
      case 'b': return '\b';
      case 'f': return '\f';
      case 'n': return '\n';
      case 'r': return '\r';
      case 't': return '\t';
      case 'u': {
        const hex = this.text.slice(this.i, this.i + 4);
        if (!/^[0-9A-Fa-f]{4}$/.test(hex)) this.fail('invalid \\u escape in a string', this.i - 2);
        this.i += 4;
        return String.fromCharCode(parseInt(hex, 16));
      }
      default:
        this.fail('invalid escape in a string', this.i - 2);
    }
  }

  private literal<T>(word: string, value: T): { value: T; node: PosNode } {
    const start = this.i;
    if (!this.text.startsWith(word, this.i)) this.fail(`unexpected character ${JSON.stringify(this.text[this.i])}`);
    this.i += word.length;
    return { value, node: { start, end: this.i } };
  }

  private space(): void {
    for (;;) {
      const c = this.text.charCodeAt(this.i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) this.i++;
      else return;
    }
  }

  private fail(message: string, at = this.i): never {
    throw new JsonSyntaxError(message, at);
  }
}
