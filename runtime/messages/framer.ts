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
 * Cuts a byte stream into whole messages. Chunks are appended to one buffer that is compacted
 * when a new chunk arrives, so a message split across chunks is copied once at most. The
 * length in each header is checked against the maximum before any of the body is awaited.
 * A returned Frame stays valid after later pushes: the framer never writes into a buffer that
 * holds a frame it has handed out (it moves leftovers into a new buffer instead).
 */
export class MessageFramer {
  private buf: Buffer = EMPTY;
  private view: DataView = new DataView(EMPTY.buffer);
  private start = 0;
  private end = 0;
  /** Stream offset of buf[0]. */
  private base = 0;

  constructor(private readonly maxLength = DEFAULT_MAX_MESSAGE_LENGTH) {}

  push(chunk: Buffer): void {
    if (this.start === this.end && chunk.length > 0) {
      this.base += this.end;
      this.setBuffer(chunk, chunk.length);
      return;
    }
    const pending = this.end - this.start;
    const next = Buffer.allocUnsafe(Math.max(pending + chunk.length, 64 * 1024));
    this.buf.copy(next, 0, this.start, this.end);
    chunk.copy(next, pending);
    this.base += this.start;
    this.setBuffer(next, pending + chunk.length);
  }

  private setBuffer(buf: Buffer, end: number): void {
    this.buf = buf;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    this.start = 0;
    this.end = end;
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
