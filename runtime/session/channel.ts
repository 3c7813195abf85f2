import type { Duplex } from 'node:stream';
import { MessageFramer, type Frame } from '../messages/framer.js';
import { decodeFrame } from '../messages/frame-decode.js';
import { messageBytes, type DecodeOptions, type EStreamerMessage } from '../messages/message.js';

/** Raised when the peer sends nothing for longer than the caller was willing to wait. */
export class ReadTimeoutError extends Error {
  override readonly name = 'ReadTimeoutError';
}

/** Above either mark the socket is paused: frames waiting, and the bytes they hold. */
const HIGH_WATER = 64;
const HIGH_WATER_BYTES = 8 * 1024 * 1024;
const CLOSE_GRACE_MS = 2000;

/**
 * Whole messages over one socket, in both directions. Incoming bytes are framed as they
 * arrive; the socket is paused while more than a few dozen frames or a few MiB wait to be
 * read, so a slow reader holds back the peer through TCP instead of buffering without bound
 * (at most one message of the maximum length beyond the marks).
 */
export class MessageChannel {
  private readonly framer: MessageFramer;
  private readonly frames: Frame[] = [];
  private frameBytes = 0;
  private waiter: (() => void) | undefined;
  private ended = false;
  private failure: Error | undefined;

  constructor(readonly socket: Duplex, private readonly opts: DecodeOptions = {}) {
    this.framer = new MessageFramer(opts.maxMessageLength);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('end', () => this.finish(undefined));
    socket.on('close', () => this.finish(undefined));
    socket.on('error', (err: Error) => this.finish(err));
  }

  private onData(chunk: Buffer): void {
    try {
      this.framer.push(chunk);
      for (let f = this.framer.next(); f; f = this.framer.next()) {
        this.frames.push(f);
        this.frameBytes += f.end - f.o;
      }
    } catch (err) {
      this.finish(err as Error);
      this.socket.destroy();
    }
    if (this.frames.length > HIGH_WATER || this.frameBytes > HIGH_WATER_BYTES) {
      this.socket.pause();
    }
    this.wake();
  }

  private finish(err: Error | undefined): void {
    this.ended = true;
    this.failure ??= err;
    this.wake();
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.();
  }

  /**
   * The next frame; undefined once the peer has closed. Throws on socket or framing errors, and
   * a ReadTimeoutError when no whole message arrived within `timeoutMs` (0: no limit), however
   * many bytes of one trickled in.
   */
  async nextFrame(timeoutMs = 0): Promise<Frame | undefined> {
    const deadline = timeoutMs > 0 ? Date.now() + timeoutMs : 0;
    while (this.frames.length === 0) {
      if (this.failure) throw this.failure;
      if (this.ended) return undefined;
      const left = deadline ? deadline - Date.now() : 0;
      if (deadline && left <= 0) throw new ReadTimeoutError(`no message within ${timeoutMs} ms`);
      await this.wait(left, timeoutMs);
    }
    const frame = this.frames.shift()!;
    this.frameBytes -= frame.end - frame.o;
    const low = this.frames.length <= HIGH_WATER / 2 && this.frameBytes <= HIGH_WATER_BYTES / 2;
    if (low && this.socket.isPaused()) this.socket.resume();
    return frame;
  }

  private wait(leftMs: number, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = leftMs > 0
        ? setTimeout(() => {
          this.waiter = undefined;
          reject(new ReadTimeoutError(`no message within ${timeoutMs} ms`));
        }, leftMs)
        : undefined;
      this.waiter = () => {
        if (timer) clearTimeout(timer);
        resolve();
      };
    });
  }

  /** The next message, decoded; undefined once the peer has closed. */
  async next(timeoutMs = 0): Promise<EStreamerMessage | undefined> {
    const f = await this.nextFrame(timeoutMs);
    return f ? decodeFrame(f, this.opts) : undefined;
  }

  /** Writes one message (or prepared bytes) and resolves once the socket has taken it. */
  send(msg: EStreamerMessage | Buffer): Promise<void> {
    const data = Buffer.isBuffer(msg) ? msg : messageBytes(msg);
    return new Promise((resolve, reject) => {
      this.socket.write(data, (err) => (err ? reject(err) : resolve()));
    });
  }

  /**
   * Drops frames of message `type` that arrived but were not read yet. A server calls it for
   * Nulls before sending a bundle: eNcore sends a Null after every message it reads, and a
   * stale one should not count as the acknowledgement of the bundle that follows. One still in
   * flight can; flow control is then one bundle looser, which costs only buffer space.
   */
  discard(type: number): void {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const f = this.frames[i]!;
      if (f.v.getUint16(f.o + 2) !== type) continue;
      this.frames.splice(i, 1);
      this.frameBytes -= f.end - f.o;
    }
  }

  /** True while a reader waits for the peer with nothing buffered. */
  get waiting(): boolean {
    return this.waiter !== undefined;
  }

  get closed(): boolean {
    return this.ended;
  }

  /** Ends our side; a peer that does not end its side in time is cut off. */
  close(): void {
    this.socket.end();
    setTimeout(() => this.socket.destroy(), CLOSE_GRACE_MS).unref();
  }
}
