/**
 * Text forms of addresses, UUIDs and byte strings. These run once per field of every record,
 * so they avoid per-call allocation: each value is written as ASCII into one scratch buffer and
 * read back with a single latin1 slice, which yields a flat string (see shared perf anchors:
 * concatenation builds ropes that cost twice as much later in JSON.stringify).
 */
const HEX = '0123456789abcdef';
const scratch = Buffer.allocUnsafe(64);

/** Lowercase hex of each byte value, as two ASCII codes packed into a 16-bit number. */
const HEX_PAIR = new Uint16Array(256);
for (let i = 0; i < 256; i++) {
  HEX_PAIR[i] = (HEX.charCodeAt(i >> 4) << 8) | HEX.charCodeAt(i & 15);
}

function putHexPair(at: number, byte: number): void {
  const pair = HEX_PAIR[byte]!;
  scratch[at] = pair >> 8;
  scratch[at + 1] = pair & 0xff;
}

/** Writes `value` (a 16-bit group) as 1 to 4 hex digits without leading zeros. */
function putGroup(at: number, value: number): number {
  let shift = 12;
  while (shift > 0 && (value >> shift) === 0) shift -= 4;
  for (; shift >= 0; shift -= 4) scratch[at++] = HEX.charCodeAt((value >> shift) & 15);
  return at;
}

function putDecimal(at: number, value: number): number {
  if (value >= 100) scratch[at++] = 48 + ((value / 100) | 0);
  if (value >= 10) scratch[at++] = 48 + (((value / 10) | 0) % 10);
  scratch[at++] = 48 + (value % 10);
  return at;
}

export function formatIpv4(b: Buffer, o: number): string {
  let at = putDecimal(0, b[o]!);
  scratch[at++] = 46;
  at = putDecimal(at, b[o + 1]!);
  scratch[at++] = 46;
  at = putDecimal(at, b[o + 2]!);
  scratch[at++] = 46;
  at = putDecimal(at, b[o + 3]!);
  return scratch.latin1Slice(0, at);
}

function isV4Mapped(b: Buffer, o: number): boolean {
  for (let i = 0; i < 10; i++) if (b[o + i] !== 0) return false;
  return b[o + 10] === 0xff && b[o + 11] === 0xff;
}

/**
 * RFC 5952 text of a 16-byte address: the longest run of two or more zero groups becomes
 * `::` (the first such run on a tie), and an IPv4-mapped address prints as a dotted quad.
 */
export function formatIpv6(b: Buffer, o: number): string {
  if (isV4Mapped(b, o)) return formatIpv4(b, o + 12);

  let bestStart = -1;
  let bestLen = 1;
  for (let g = 0; g < 8; ) {
    if (b[o + 2 * g] !== 0 || b[o + 2 * g + 1] !== 0) {
      g++;
      continue;
    }
    const start = g;
    while (g < 8 && b[o + 2 * g] === 0 && b[o + 2 * g + 1] === 0) g++;
    if (g - start > bestLen) {
      bestStart = start;
      bestLen = g - start;
    }
  }

  let at = 0;
  for (let g = 0; g < 8; g++) {
    if (g === bestStart) {
      scratch[at++] = 58;
      if (g === 0) scratch[at++] = 58;
      g += bestLen - 1;
      if (g === 7) break;
      continue;
    }
    at = putGroup(at, (b[o + 2 * g]! << 8) | b[o + 2 * g + 1]!);
    if (g < 7) scratch[at++] = 58;
  }
  return scratch.latin1Slice(0, at);
}

/** 8-4-4-4-12 lowercase hex, in wire byte order. */
export function formatUuid(b: Buffer, o: number): string {
  let at = 0;
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) scratch[at++] = 45;
    putHexPair(at, b[o + i]!);
    at += 2;
  }
  return scratch.latin1Slice(0, at);
}

export function formatMac(b: Buffer, o: number): string {
  let at = 0;
  for (let i = 0; i < 6; i++) {
    if (i > 0) scratch[at++] = 58;
    putHexPair(at, b[o + i]!);
    at += 2;
  }
  return scratch.latin1Slice(0, at);
}

export function formatHex(b: Buffer, start: number, end: number): string {
  return start === end ? '' : b.hexSlice(start, end);
}

/**
 * UTF-8 text of [start, end) without the NUL padding the guide allows at the end. Bytes that
 * are not UTF-8 become U+FFFD; `onBadText` hears of it, so that the loss is never silent.
 */
export function formatText(b: Buffer, start: number, end: number): string {
  while (end > start && b[end - 1] === 0) end--;
  if (start === end) return '';
  const text = b.utf8Slice(start, end);
  if (text.includes('\uFFFD') && onBadText) onBadText();
  return text;
}

let onBadText: (() => void) | undefined;

/** Registers what to do when text held bytes that are not UTF-8. */
export function onInvalidText(cb: (() => void) | undefined): void {
  onBadText = cb;
}

/** uint64 from two big-endian words: a number while exact, a bigint above 2^53 - 1. */
export function readUint64(v: DataView, o: number): number | bigint {
  const hi = v.getUint32(o);
  if (hi < 0x200000) return hi * 0x100000000 + v.getUint32(o + 4);
  return v.getBigUint64(o);
}
