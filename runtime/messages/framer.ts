import { DecodeError } from '../codec/errors.js';
import { DEFAULT_MAX_MESSAGE_LENGTH, MESSAGE_HEADER_SIZE, messageLength } from './message.js';

/** One whole message inside the framer's buffer. */
export interface Frame {
  readonly b: Buffer;
  readonly v: DataView;
  /** Offset of the message header in `b`. */
  readonly o: number;
  /** Offset just past the message in `b`. */
  readonly end: number;
  /** Offset of the message header in the whole stream. */
  readonly streamOffset: number;
}

const EMPTY = Buffer.alloc(0);

/**
 * Cuts a byte stream into whole messages. A chunk that arrives while nothing is pending is used
 * as it is; otherwise it is appended to a buffer that grows by doubling, so a message split
 * over many chunks costs linear time. The length in each header is checked against the
 * maximum before any of the body is awaited. A returned Frame stays valid after later pushes:
 * the framer only writes past the end of what it has handed out, or into a new buffer.
 */
export class MessageFramer {
  private buf: Buffer = EMPTY;
  private view: DataView = new DataView(EMPTY.buffer);
  private start = 0;
  private end = 0;
  /** Stream offset of buf[0]. */
  private base = 0;
  /** Whether `buf` is ours to append to (not a chunk handed in by the caller). */
  private owned = false;

  constructor(private readonly maxLength = DEFAULT_MAX_MESSAGE_LENGTH) {}

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    if (this.start === this.end) {
      this.base += this.end;
      this.setBuffer(chunk, chunk.length, false);
      return;
    }
    if (!this.owned || this.end + chunk.length > this.buf.length) this.grow(chunk.length);
    chunk.copy(this.buf, this.end);
    this.end += chunk.length;
  }

  /** Moves what is pending to the front of a new buffer with room for `more` bytes. */
  private grow(more: number): void {
    const pending = this.end - this.start;
    const size = Math.max(64 * 1024, 2 * (pending + more));
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, this.start, this.end);
    this.base += this.start;
    this.setBuffer(next, pending, true);
  }

  private setBuffer(buf: Buffer, end: number, owned: boolean): void {
    this.buf = buf;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    this.start = 0;
    this.end = end;
    this.owned = owned;
  }

  /** The next whole message, or undefined until more bytes arrive. */
  next(): Frame | undefined {
    const o = this.start;
    if (this.end - o < MESSAGE_HEADER_SIZE) return undefined;
    let len: number;
    try {
      len = messageLength(this.view, o, this.maxLength);
    } catch (err) {
      throw err instanceof DecodeError ? err.shifted(this.base) : err;
    }
    const end = o + MESSAGE_HEADER_SIZE + len;
    if (end > this.end) return undefined;
    this.start = end;
    return { b: this.buf, v: this.view, o, end, streamOffset: this.base + o };
  }

  /** Bytes received but not yet returned as a message. */
  get pending(): number {
    return this.end - this.start;
  }

  /** The incomplete message left at the end of the stream, for a last decode attempt. */
  remainder(): Frame | undefined {
    if (this.pending === 0) return undefined;
    return { b: this.buf, v: this.view, o: this.start, end: this.end,
      streamOffset: this.base + this.start };
  }
}
