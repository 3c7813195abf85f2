import type { TLSSocket } from 'node:tls';
import { isDecodeError } from '../codec/errors.js';
import type { Logger } from '../log.js';
import type { RecordSink } from '../output/sink.js';
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

function initialTimestamp(start: Start, server: string): number {
  if (start === 'bookmark') {
    throw new BookmarkError(`no bookmark for ${server}; choose --start now, oldest or seconds`);
  }
  if (start === 'oldest') return START_OLDEST;
  if (start === 'now') return START_NOW;
  return start;
}

/** Errors that a reconnect cannot cure: the client stops and says why. */
function isFatal(err: unknown): boolean {
  return isCredentialError(err) || isCertificateFailure(err) || err instanceof BookmarkError;
}

/**
 * Streams until the server goes idle (without follow) or the signal aborts, reconnecting with
 * jittered exponential backoff after any other end of a session and resuming from the last
 * position the output has durably taken.
 */
export async function streamWithReconnects(opts: StreamOptions): Promise<StreamEnd> {
  const positions = new Map<string, Position>();
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
      const ended = await oneSession(opts, positions);
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

async function oneSession(opts: StreamOptions, positions: Map<string, Position>):
  Promise<{ how: 'idle' | 'stopped' | 'closed'; received: boolean }> {
  const socket = await opts.connect();
  const key = opts.serverKey(socket);
  const from = positions.get(key) ?? opts.bookmarks?.get(key);
  let start: number;
  try {
    start = from ? from.timestamp : initialTimestamp(opts.start, key);
  } catch (err) {
    socket.destroy();
    throw err;
  }
  const sink = new ResumingSink(opts.sink, from);
  opts.log.log('info', 'connected', { server: key, start, resumed: from !== undefined });

  const result = await runClientSession({
    socket, start, request: opts.request, follow: opts.follow, sink,
    readTimeoutMs: opts.readTimeoutMs, signal: opts.signal,
    onRecord: (rec) => opts.stats.count(rec),
    onFlushed: async () => {
      positions.set(key, sink.position);
      await opts.bookmarks?.save(key, sink.position);
    },
  });
  return { how: result.ended, received: result.records > 0 };
}

function describe(err: unknown): string {
  if (err instanceof ServerError) return `server sent error ${err.code}: ${err.text}`;
  if (isDecodeError(err)) return `bad data from the server: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}
