import type { TLSSocket } from 'node:tls';
import { isDecodeError } from '../codec/errors.js';
import type { Logger } from '../log.js';
import { OutputError, type RecordSink } from '../output/sink.js';
import { START_NOW, START_OLDEST, type StreamRequest } from '../session/request.js';
import { isCredentialError } from '../tls/credential-error.js';
import { backoffDelay, DEFAULT_BACKOFF, sleep, type Backoff } from './backoff.js';
import { BookmarkError, type BookmarkFile, type Position } from './bookmark.js';
import { isCertificateFailure } from './connect.js';
import { ResumingSink } from './resume.js';
import { runClientSession, ServerError } from './session.js';
import type { StreamStats } from './stats.js';

/**
 * Where to begin when no bookmark says: oldest, now, or a UNIX second (archival time);
 * 'bookmark' refuses to begin without one.
 */
export type Start = 'bookmark' | 'oldest' | 'now' | number;

export interface StreamOptions {
  /** Opens an authenticated connection; throws ConnectError. */
  connect: () => Promise<TLSSocket>;
  /** The bookmark key of the server behind a socket: address and certificate fingerprint. */
  serverKey: (socket: TLSSocket) => string;
  start: Start;
  request: StreamRequest;
  follow: boolean;
  sink: RecordSink;
  bookmarks: BookmarkFile | undefined;
  stats: StreamStats;
  log: Logger;
  readTimeoutMs: number;
  backoff?: Backoff;
  signal?: AbortSignal;
}

export type StreamEnd = 'idle' | 'stopped';

/** What the first request of a run asks for, and the position a resume may not go behind. */
interface Beginning {
  request: number;
  floor: Position;
}

/**
 * For 'now' the floor is this client's clock at the first connection: the FMC's clock may
 * differ, but it is the best guess of "now" the client has, and replaying from it is far
 * closer to what was asked than replaying the whole archive (what 0 would mean).
 * TODO(start-now-second): records of that very second that were written count against it,
 * but a resume gets the whole second back, older records too, so the skip may drop the wrong
 * ones within that one second; a digest per record of the second would settle it.
 */
function beginning(start: Start, server: string, firstConnectAt: number): Beginning {
  if (start === 'bookmark') {
    throw new BookmarkError(`no bookmark for ${server}; choose --start now, oldest or seconds`);
  }
  const at = (timestamp: number, request: number) =>
    ({ request, floor: { timestamp, seenInSecond: 0, metadata: [] } });
  if (start === 'oldest') return at(START_OLDEST, START_OLDEST);
  if (start === 'now') return at(firstConnectAt, START_NOW);
  return at(start, start);
}

/** Errors that a reconnect cannot cure: the client stops and says why. */
function isFatal(err: unknown): boolean {
  return isCredentialError(err) || isCertificateFailure(err) || err instanceof BookmarkError ||
    err instanceof OutputError;
}

/**
 * Streams until the server goes idle (without follow) or the signal aborts, reconnecting with
 * jittered exponential backoff after any other end of a session and resuming from the last
 * position the output has durably taken.
 */
export async function streamWithReconnects(opts: StreamOptions): Promise<StreamEnd> {
  const positions = new Map<string, Position>();
  const run: RunState = { positions };
  let failures = 0;
  for (let attempt = 0; ; attempt++) {
    if (opts.signal?.aborted) return 'stopped';
    if (attempt > 0) {
      opts.stats.reconnects++;
      const delay = backoffDelay(opts.backoff ?? DEFAULT_BACKOFF, failures - 1);
      opts.log.log('info', 'reconnecting', { inMs: delay, attempt });
      await sleep(delay, opts.signal);
      if (opts.signal?.aborted) return 'stopped';
    }
    try {
      const ended = await oneSession(opts, run);
      if (ended.received) failures = 0;
      if (ended.how === 'idle' || ended.how === 'stopped') return ended.how;
      failures++;
      opts.log.log('warn', 'connection closed by the server');
    } catch (err) {
      if (isFatal(err)) throw err;
      failures++;
      opts.log.log('warn', 'session ended', { error: describe(err) });
    }
  }
}

/** What outlives one session: the positions reached, and when the first connection was made. */
interface RunState {
  positions: Map<string, Position>;
  firstConnectAt?: number;
}

async function oneSession(opts: StreamOptions, run: RunState):
  Promise<{ how: 'idle' | 'stopped' | 'closed'; received: boolean }> {
  const socket = await opts.connect();
  run.firstConnectAt ??= Math.floor(Date.now() / 1000);
  const key = opts.serverKey(socket);
  let resumed: Resumed;
  try {
    resumed = await resume(opts, run, key);
  } catch (err) {
    socket.destroy();
    throw err;
  }
  const { start, sink, save } = resumed;
  const result = await runClientSession({
    socket, start, request: opts.request, follow: opts.follow, sink,
    readTimeoutMs: opts.readTimeoutMs, signal: opts.signal,
    onFlushed: save,
  });
  return { how: result.ended, received: result.records > 0 };
}

interface Resumed {
  start: number;
  sink: ResumingSink;
  /** Saves the position with the output's size, once the output has flushed. */
  save: () => Promise<void>;
}

/**
 * Where the session with `key` begins. On the first connection to it in this run, the output
 * is cut back to where the bookmark was saved, and a fresh start is bookmarked at once: a
 * crash before the first bundle is saved then leaves a point to cut back to as well.
 */
async function resume(opts: StreamOptions, run: RunState, key: string): Promise<Resumed> {
  const known = run.positions.get(key);
  const saved = known ? undefined : opts.bookmarks?.lookup(key);
  if (saved?.previous !== undefined) {
    opts.log.log('warn', 'the server certificate changed since the bookmark was saved; ' +
      'resuming from the bookmark of the old one', { server: key, previous: saved.previous });
  }
  const from = known ?? saved?.position;
  const begin: Beginning = from ? { request: from.timestamp, floor: from }
    : beginning(opts.start, key, run.firstConnectAt!);
  if (!known) await cutOutputBack(opts, from);
  const sink = new ResumingSink(opts.sink, begin.floor, (rec) => opts.stats.count(rec));
  // Known from now on, even before a bundle is flushed: a reconnect resumes from the floor
  // instead of asking for "now" again (and losing what came in between).
  run.positions.set(key, sink.position);
  const save = async () => {
    sink.position.output = opts.sink.durable?.();
    await opts.bookmarks?.save(key, sink.position);
  };
  if (!from) await save();
  opts.log.log('info', 'connected', { server: key, start: begin.request,
    resumed: from !== undefined });
  return { start: begin.request, sink, save };
}

/**
 * Drops what a crash left in the output after the bookmark was saved (a partial line too).
 * Only in the file the bookmark was saved for: another file is not this stream's to cut.
 */
async function cutOutputBack(opts: StreamOptions, from: Position | undefined): Promise<void> {
  const mark = from?.output;
  if (!mark || !opts.sink.cutTo || mark.path !== opts.sink.durable?.()?.path) return;
  const dropped = await opts.sink.cutTo(mark.size);
  if (dropped > 0) {
    opts.log.log('warn', 'output cut back to where the bookmark was saved; the server sends ' +
      'the rest again', { droppedBytes: dropped });
  }
}

function describe(err: unknown): string {
  if (err instanceof ServerError) return `server sent error ${err.code}: ${err.text}`;
  if (isDecodeError(err)) return `bad data from the server: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}
