import { bytes, DecodeError } from './errors.js';
import { onInvalidText } from './format.js';
import { hexBytes, type Writer } from './writer.js';

/**
 * Checks shared by generated decoders. They validate one block header or length and throw a
 * DecodeError naming the absolute offset; the generated code reads the values itself.
 */

/** Checks the 8-byte block header at `o` and returns the block length it states. */
export function blockLength(v: DataView, o: number, end: number, where: string): number {
  if (o + 8 > end) {
    throw new DecodeError(`block header needs 8 bytes, ${end - o} left`, o, where);
  }
  const len = v.getUint32(o + 4);
  if (len < 8) throw new DecodeError(`block length ${len} is shorter than its header`, o, where);
  if (o + len > end) {
    throw new DecodeError(`block length ${len} runs ${bytes(o + len - end)} past its parent`, o,
      where);
  }
  return len;
}

/** Like blockLength, and also requires the block type to be `type`. */
export function typedBlockLength(
  v: DataView, o: number, end: number, type: number, where: string,
): number {
  const len = blockLength(v, o, end, where);
  const actual = v.getUint32(o);
  if (actual !== type) {
    throw new DecodeError(`expected block type ${type}, found ${actual}`, o, where);
  }
  return len;
}

/** Checks that `size` bytes starting at `o` lie before `end`. */
export function need(o: number, size: number, end: number, where: string): void {
  if (o + size > end) {
    throw new DecodeError(`needs ${size} bytes, ${Math.max(0, end - o)} left`, o, where);
  }
}

/** Decodes the back-to-back blocks of a List body; `type` -1 accepts any block type. */
export function readBlocks<T>(
  v: DataView, b: Buffer, o: number, end: number, type: number,
  decode: (v: DataView, b: Buffer, o: number, end: number) => T, where: string,
): T[] {
  const items: T[] = [];
  while (o < end) {
    const len = type < 0 ? blockLength(v, o, end, where) : typedBlockLength(v, o, end, type, where);
    items.push(decode(v, b, o, o + len));
    o += len;
  }
  return items;
}

/** Decodes fixed-size structs filling [o, end). */
export function readStructs<T>(
  v: DataView, b: Buffer, o: number, end: number, size: number,
  decode: (v: DataView, b: Buffer, o: number, end: number) => T, where: string,
): T[] {
  if ((end - o) % size !== 0) {
    throw new DecodeError(`${end - o} bytes is not a whole number of ${size}-byte items`, o, where);
  }
  const items: T[] = [];
  for (; o < end; o += size) items.push(decode(v, b, o, o + size));
  return items;
}

/** An unknown block is data: its type and raw body are kept so it can be re-encoded. */
export interface UnknownBlock {
  blockType: number;
  unknown: true;
  raw: string;
}

export function unknownBlock(v: DataView, b: Buffer, o: number, end: number): UnknownBlock {
  const blockType = v.getUint32(o);
  noteUnknown(`block ${blockType}`);
  return { blockType, unknown: true, raw: b.hexSlice(o + 8, end) };
}

/** Counts of unknown record and block types met so far, for warnings and status lines. */
export const unknownSeen = new Map<string, number>();

const KEPT = 'is unknown to the schemas; kept as raw data';

let onFirstUnknown: ((what: string, note: string) => void) | undefined;

/** Registers a callback run the first time each unknown type is met. */
export function onUnknownType(cb: ((what: string, note: string) => void) | undefined): void {
  onFirstUnknown = cb;
}

/** Counts `what`; the first time, tells the callback, with `note` saying what was done. */
export function noteUnknown(what: string, note = KEPT): void {
  const n = unknownSeen.get(what) ?? 0;
  unknownSeen.set(what, n + 1);
  if (n === 0) onFirstUnknown?.(what, note);
}

/** Writes an unknown block back exactly as it was read. */
export function encodeUnknownBlock(w: Writer, x: UnknownBlock): void {
  w.blockOf(x.blockType, hexBytes(x.raw, `block ${x.blockType}`));
}

// Text holding bytes that are not UTF-8 is counted and warned about like other partly known
// data, once per run.
onInvalidText(() => noteUnknown('text that is not UTF-8',
  'was decoded with U+FFFD in place of the bad bytes'));

/** Counts a layout that carried bytes after its last known field (they are not decoded). */
export function noteTrailing(where: string): void {
  noteUnknown(`trailing bytes after the last field of ${where}`,
    'are not described by the schema; left out of the output');
}
