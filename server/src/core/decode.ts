// Bytes → text, refusing what would be silently garbled: binary files and text that is not
// UTF-8 (Shift_JIS files are common in Japanese offices). UTF-16 with a BOM is accepted.
export type Decoded = { ok: true; text: string } | { ok: false; message: 'fileBinary' | 'fileEncoding'; detail?: string };

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
    return { ok: false, message: 'fileEncoding', detail: encoding };
  }
}

function invalidUtf8At(bytes: Uint8Array): string {
  let low = 0;
  let high = bytes.length;
  // Binary search for the longest valid prefix; a cut inside a character is invalid too,
  // so back off up to 3 bytes at the boundary.
  while (high - low > 4) {
    const mid = (low + high) >> 1;
    if (validPrefix(bytes, mid)) low = mid;
    else high = mid;
  }
  return `byte ${low}`;
}

function validPrefix(bytes: Uint8Array, end: number): boolean {
  for (let back = 0; back < 4 && end - back > 0; back++) {
    try {
      utf8.decode(bytes.subarray(0, end - back));
      return true;
    } catch {
      // try a shorter prefix
    }
  }
  return false;
}
