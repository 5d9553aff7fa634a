// Bytes → text, refusing what would be silently garbled: binary files and text that is not
// UTF-8 (Shift_JIS files are common in Japanese offices). UTF-16 with a BOM is accepted.
import type { MessageRef } from './messages.js';
export type Decoded = { ok: true; text: string } | { ok: false; message: 'fileBinary' | 'fileEncoding' | 'fileEncodingUtf16'; detail?: string };

/** The message of a refused file, with its arguments. */
export function decodeProblem(d: Extract<Decoded, { ok: false }>): MessageRef {
  return d.message === 'fileBinary' ? { message: d.message } : { message: d.message, args: { detail: d.detail ?? '' } };
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export function decodeBytes(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeWith('utf-16le', bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeWith('utf-16be', bytes.subarray(2));
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return { ok: false, message: 'fileBinary' };
  try {
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
    return { ok: false, message: 'fileEncoding', detail: invalidUtf8At(bytes) };
  }
}

function decodeWith(encoding: 'utf-16le' | 'utf-16be', bytes: Uint8Array): Decoded {
  try {
    const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
    return text.includes('\u0000') ? { ok: false, message: 'fileBinary' } : { ok: true, text };
  } catch {
    // Broken UTF-16 is usually a lone surrogate; say which encoding, not "not UTF-8".
    return { ok: false, message: 'fileEncodingUtf16', detail: encoding === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE' };
  }
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function invalidUtf8At(bytes: Uint8Array): string {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) break;
    let j = 1;
    while (j <= need && i + j < bytes.length && (bytes[i + j] & 0xc0) === 0x80) j++;
    if (j <= need || !validLead(b, bytes[i + 1])) break;
    i += need + 1;
  }
  return `byte ${i}`;
}

/** Overlong forms, surrogates and code points past U+10FFFF are invalid in UTF-8. */
function validLead(lead: number, next: number): boolean {
  if (lead === 0xe0) return next >= 0xa0;
  if (lead === 0xed) return next < 0xa0;
  if (lead === 0xf0) return next >= 0x90;
  if (lead === 0xf4) return next < 0x90;
  return true;
}
