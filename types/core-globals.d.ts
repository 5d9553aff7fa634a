// The only globals the core may use beyond ECMAScript: the WHATWG text codecs, which Node,
// browsers and workers all provide. Used by tsconfig.core.json, which compiles the core
// without Node's types so that `process`, `Buffer` or `fs` there is a compile error.
interface TextDecoderOptions {
  fatal?: boolean;
  ignoreBOM?: boolean;
}

declare class TextDecoder {
  constructor(label?: string, options?: TextDecoderOptions);
  readonly encoding: string;
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}

declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
