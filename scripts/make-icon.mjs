// Draws images/icon.png (128×128), the Marketplace icon: the "two-storey" standard as two
// floors on a base, the lower one checked. Plain shapes, so it needs no font or image tool.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const NAVY = [22, 50, 92, 255];
const WHITE = [255, 255, 255, 255];
const GREEN = [72, 187, 120, 255];
const CLEAR = [0, 0, 0, 0];

function inRoundedSquare(x, y, r) {
  const cx = Math.min(Math.max(x, r), SIZE - 1 - r);
  const cy = Math.min(Math.max(y, r), SIZE - 1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

const inRect = (x, y, x0, y0, x1, y1) => x >= x0 && x <= x1 && y >= y0 && y <= y1;

/** Distance from a point to a segment, for the check mark's strokes. */
function nearSegment(x, y, [ax, ay], [bx, by], width) {
  const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay))) <= width / 2;
}

function pixel(x, y) {
  if (!inRoundedSquare(x, y, 22)) return CLEAR;
  if (nearSegment(x, y, [70, 84], [80, 94], 7) || nearSegment(x, y, [80, 94], [100, 70], 7)) return GREEN;
  if (inRect(x, y, 28, 34, 100, 50)) return WHITE; // second floor: sector measures
  if (inRect(x, y, 28, 60, 62, 96)) return WHITE; // first floor: the common baseline
  if (inRect(x, y, 20, 102, 108, 108)) return WHITE; // the bottom line
  return NAVY;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'ascii'), data])), 8 + data.length);
  return out;
}

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

const rows = [];
for (let y = 0; y < SIZE; y++) {
  rows.push(Buffer.from([0]));
  for (let x = 0; x < SIZE; x++) rows.push(Buffer.from(pixel(x, y)));
}
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(Buffer.concat(rows))),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('../images/icon.png', import.meta.url), png);
