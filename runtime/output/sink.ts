import { closeSync, fstatSync, fsync, ftruncate, openSync, write } from 'node:fs';
import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { toJson } from './json.js';

const BATCH = 1024 * 1024;

/** Bytes handed off but not yet taken by the output, above which `ready` makes callers wait. */
const BACKLOG = 8 * BATCH;

/**
 * Where JSON lines go. `write` only appends to a batch in memory; `flush` hands the batch to
 * the operating system and, for files, waits until it is on disk. The session saves a bookmark
 * only after `flush` resolves, so a bookmark never points past events that could still be lost.
 */
export interface RecordSink {
  write(value: unknown): void;
  flush(): Promise<void>;
  close(): Promise<void>;
  /** Resolves once the output has caught up enough to take more (a slow reader of stdout). */
  ready?(): Promise<void>;
  /** A regular file's absolute path and size after the last flush; undefined for others. */
  durable?(): OutputMark | undefined;
  /** Cuts a regular file that is longer than `size` back to it; returns the bytes dropped. */
  cutTo?(size: number): Promise<number>;
}

/**
 * The output cannot take more (a full disk, a closed pipe): a reconnect cannot cure that, so
 * the client stops on it. The message names the output and the system's error.
 */
export class OutputError extends Error {
  override readonly name = 'OutputError';
}

/** Where a regular output file ended when a bookmark was saved. */
export interface OutputMark {
  path: string;
  size: number;
}

/** Lines are packed as UTF-8 into a 1 MiB buffer, which avoids building long JS strings. */
abstract class BatchingSink implements RecordSink {
  private batch = Buffer.allocUnsafe(BATCH);
  private used = 0;
  private pending: Promise<void> = Promise.resolve();
  private queued = 0;
  /** The first output error; every later write and flush reports it. */
  private failed: Error | undefined;

  /** `label` names the output in error messages: a path, or stdout. */
  constructor(private readonly label: string) {}

  write(value: unknown): void {
    if (this.failed) throw this.failed;
    const line = toJson(value);
    const room = this.batch.length - this.used;
    const worst = line.length * 3 + 1;
    if (worst > room) {
      this.handOff();
      if (worst > this.batch.length) this.batch = Buffer.allocUnsafe(worst);
    }
    this.used += this.batch.utf8Write(line, this.used);
    this.batch[this.used++] = 10;
  }

  /** Queues the current batch for output; writes stay in order through one promise chain. */
  private handOff(): void {
    if (this.used === 0) return;
    const data = this.batch.subarray(0, this.used);
    this.batch = Buffer.allocUnsafe(BATCH);
    this.used = 0;
    this.queued += data.length;
    this.pending = this.pending.then(() => this.output(data)).catch((err: Error) => {
      this.failed ??= this.outputError(err);
    }).finally(() => {
      this.queued -= data.length;
    });
  }

  async ready(): Promise<void> {
    if (this.queued > BACKLOG) await this.pending;
    if (this.failed) throw this.failed;
  }

  async flush(): Promise<void> {
    this.handOff();
    await this.pending;
    if (this.failed) throw this.failed;
    try {
      await this.sync();
    } catch (err) {
      throw (this.failed = this.outputError(err as Error));
    }
  }

  /** Flushes, and releases the output even when that fails. */
  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      await this.finish();
    }
  }

  protected outputError(err: Error): OutputError {
    return new OutputError(`output ${this.label}: ${err.message}`);
  }

  protected abstract output(data: Buffer): Promise<void>;
  protected async sync(): Promise<void> {}
  protected async finish(): Promise<void> {}
}

/** Writes to a stream (stdout), honouring backpressure through the write callback. */
export class StreamSink extends BatchingSink {
  constructor(private readonly stream: Writable, label = 'stdout') {
    super(label);
    // A closed pipe (EPIPE) or a full disk reaches the write callback as well; without a
    // listener the stream's 'error' event would end the process with a stack trace.
    stream.on('error', () => undefined);
  }

  protected output(data: Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      this.stream.write(data, (err) => (err ? reject(err) : resolve()));
    });
  }
}

/**
 * Appends to a file and fsyncs on every flush. Devices, FIFOs and pipes are not synced: fsync
 * fails on them (EINVAL, ENOTSUP) and there is no disk behind them to wait for.
 */
export class FileSink extends BatchingSink {
  private readonly fd: number;
  private readonly regular: boolean;
  /** Bytes in the file: its size at open plus what this sink appended. */
  private size: number;

  private readonly path: string;

  constructor(path: string) {
    super(path);
    this.path = resolve(path);
    this.fd = openSync(path, 'a', 0o640);
    const stat = fstatSync(this.fd);
    this.regular = stat.isFile();
    this.size = stat.size;
  }

  durable(): OutputMark | undefined {
    return this.regular ? { path: this.path, size: this.size } : undefined;
  }

  /** A file shorter than `size` was rotated or cut by someone else: it is left alone. */
  async cutTo(size: number): Promise<number> {
    await this.flush();
    if (!this.regular || this.size <= size) return 0;
    await new Promise<void>((resolve, reject) =>
      ftruncate(this.fd, size, (err) => (err ? reject(this.outputError(err)) : resolve())));
    const dropped = this.size - size;
    this.size = size;
    return dropped;
  }

  protected output(data: Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      const next = (from: number): void => {
        write(this.fd, data, from, data.length - from, null, (err, n) => {
          if (err) return reject(err);
          this.size += n;
          if (from + n < data.length) next(from + n);
          else resolve();
        });
      };
      next(0);
    });
  }

  protected override sync(): Promise<void> {
    if (!this.regular) return Promise.resolve();
    return new Promise((resolve, reject) =>
      fsync(this.fd, (err) => (err ? reject(err) : resolve())));
  }

  protected override async finish(): Promise<void> {
    closeSync(this.fd);
  }
}

/** Keeps records in memory; for tests and library callers. */
export class ArraySink implements RecordSink {
  readonly values: unknown[] = [];
  write(value: unknown): void { this.values.push(value); }
  async flush(): Promise<void> {}
  async close(): Promise<void> {}
}
