import { EncodeError } from './errors.js';
import { ipv4Bytes, ipv6Bytes, macBytes, uuidBytes } from './parse.js';

/**
 * A growable big-endian byte writer for the generated encoders. Blocks and messages whose
 * length precedes their content are written with begin/end pairs that patch the length.
 */
export class Writer {
  private buf: Buffer;
  private view: DataView;
  pos = 0;

  constructor(initialSize = 1024) {
    this.buf = Buffer.allocUnsafe(initialSize);
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
  }

  /** The bytes written so far (a view; copy it before writing more). */
  bytes(): Buffer {
    return this.buf.subarray(0, this.pos);
  }

  private room(n: number): number {
    const at = this.pos;
    if (at + n > this.buf.length) this.grow(at + n);
    this.pos = at + n;
    return at;
  }

  private grow(min: number): void {
    const next = Buffer.allocUnsafe(Math.max(min, this.buf.length * 2));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
    this.view = new DataView(next.buffer, next.byteOffset, next.byteLength);
  }

  // Each setter reserves room before touching `view`: growing replaces the view.
  u8(x: number): void { const at = this.room(1); this.view.setUint8(at, x); }
  u16(x: number): void { const at = this.room(2); this.view.setUint16(at, x); }
  u32(x: number): void { const at = this.room(4); this.view.setUint32(at, x); }
  i8(x: number): void { const at = this.room(1); this.view.setInt8(at, x); }
  i16(x: number): void { const at = this.room(2); this.view.setInt16(at, x); }
  i32(x: number): void { const at = this.room(4); this.view.setInt32(at, x); }

  u64(x: number | bigint): void {
    const at = this.room(8);
    this.view.setBigUint64(at, BigInt(x));
  }

  raw(src: Uint8Array): void {
    const at = this.room(src.length);
    this.buf.set(src, at);
  }

  /** Writes UTF-8 text into exactly `size` bytes, NUL-padded. */
  fixedText(text: string, size: number, where: string): void {
    const data = Buffer.from(text, 'utf8');
    if (data.length > size) throw new EncodeError(where, `text of ${data.length} bytes > ${size}`);
    const at = this.room(size);
    this.buf.fill(0, at, at + size);
    this.buf.set(data, at);
  }

  /** Writes a hex string, which must hold exactly `size` bytes when `size` is given. */
  hex(text: string, where: string, size?: number): void {
    const data = hexBytes(text, where);
    if (size !== undefined && data.length !== size) {
      throw new EncodeError(where, `expected ${size} bytes of hex, got ${data.length}`);
    }
    this.raw(data);
  }

  ipv4(text: string, where: string): void { this.raw(ipv4Bytes(text, where)); }
  ipv6(text: string, where: string): void { this.raw(ipv6Bytes(text, where)); }
  uuid(text: string, where: string): void { this.raw(uuidBytes(text, where)); }
  mac(text: string, where: string): void { this.raw(macBytes(text, where)); }

  /** Reserves a 4-byte length slot and returns its position. */
  mark(): number {
    return this.room(4);
  }

  /** Stores in the slot at `slot` the number of bytes written since `from`. */
  patchLength(slot: number, from: number): void {
    this.view.setUint32(slot, this.pos - from);
  }

  /** Starts a block: type, then a length slot; returns the block start for endBlock. */
  beginBlock(type: number): number {
    const start = this.pos;
    this.u32(type);
    this.mark();
    return start;
  }

  endBlock(start: number): void {
    this.view.setUint32(start + 4, this.pos - start);
  }

  /** Writes a whole block whose body is `data` (String and BLOB blocks). */
  blockOf(type: number, data: Uint8Array): void {
    this.u32(type);
    this.u32(8 + data.length);
    this.raw(data);
  }

  /** Overwrites the `width`-byte unsigned integer at `slot` (a length written ahead). */
  patch(slot: number, width: number, value: number): void {
    if (value >= 2 ** (8 * width)) {
      throw new EncodeError(`byte ${slot}`, `length ${value} does not fit in ${width} bytes`);
    }
    if (width === 1) this.view.setUint8(slot, value);
    else if (width === 2) this.view.setUint16(slot, value);
    else this.view.setUint32(slot, value);
  }
}

export function hexBytes(text: string, where: string): Buffer {
  if (text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) {
    throw new EncodeError(where, 'not an even-length hex string');
  }
  return Buffer.from(text, 'hex');
}

export function textBytes(text: string): Buffer {
  return Buffer.from(text, 'utf8');
}
