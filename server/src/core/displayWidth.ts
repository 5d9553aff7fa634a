// Terminal columns a text takes, for every table Kijun prints as text. One user-perceived
// character (a grapheme: a base with its combining marks, an emoji ZWJ sequence, a flag) is one
// unit; it takes two columns when it is East Asian wide or an emoji shown as an image, none
// when it is only marks or format characters.

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const ZERO = /^[\p{Mn}\p{Me}\p{Cf}\p{Cc}]+$/u;
const EMOJI = /\p{Emoji_Presentation}|\p{Extended_Pictographic}\uFE0F|\p{Regional_Indicator}{2}/u;

function isWide(cp: number): boolean {
  return cp >= 0x1100 && (cp <= 0x115f || (cp >= 0x2e80 && cp <= 0x303e) || (cp >= 0x3041 && cp <= 0x33ff) || (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xa000 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) || (cp >= 0x20000 && cp <= 0x3fffd));
}

export function displayWidth(text: string): number {
  let w = 0;
  for (const { segment } of segmenter.segment(text)) {
    if (ZERO.test(segment)) continue;
    if (EMOJI.test(segment)) w += 2;
    else w += isWide(segment.codePointAt(0) ?? 0) ? 2 : 1;
  }
  return w;
}

export function padEndWidth(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

export function padStartWidth(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}
