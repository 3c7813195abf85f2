import type { Duplex } from 'node:stream';
import type { PeerCertificate, TLSSocket } from 'node:tls';
import type { EStreamerRecord } from '../../generated/types.js';
import type { EStreamerMessage } from '../messages/message.js';
import type { RecordSink } from '../output/sink.js';
import { decodeFrameRecords } from '../messages/frame-decode.js';
import { MessageChannel } from '../session/channel.js';
import {
  eventStreamRequest, FLAG, streamingRequest, type StreamRequest,
} from '../session/request.js';

/** The server sent an Error message (type 1). */
export class ServerError extends Error {
  override readonly name = 'ServerError';

  constructor(readonly code: number, readonly text: string) {
    super(`server error ${code}: ${text}`);
  }
}

/** The server broke the protocol (an unexpected message where the flow needs another). */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
}

export interface ClientSessionOptions {
  /** An open, authenticated connection to the server. */
  socket: Duplex;
  /** Initial timestamp: 0 oldest, 0xFFFFFFFF now, else a bookmark (archival seconds). */
  start: number;
  request: StreamRequest;
  /** Keep streaming after the server goes idle; without it, the first keep-alive ends. */
  follow: boolean;
  sink: RecordSink;
  /** Give up when the server sends nothing (not even a keep-alive) for this long. */
  readTimeoutMs: number;
  maxMessageLength?: number;
  /** Sees every record after it went to the sink, before the acknowledgement. */
  onRecord?: (rec: EStreamerRecord) => void;
  /** Runs after the sink has flushed a bundle and before it is acknowledged. */
  onFlushed?: (records: readonly EStreamerRecord[]) => Promise<void> | void;
  /** Runs once the server has answered the request with Streaming Information. */
  onNegotiated?: () => void;
  /** Aborting stops the session after the bundle in hand (flushed and acknowledged). */
  signal?: AbortSignal;
}

export interface SessionResult {
  records: number;
  bundles: number;
  ended: 'idle' | 'closed' | 'stopped';
}

const NULL: EStreamerMessage = { messageType: 0, messageName: 'Null' };

/**
 * One session: the extended request negotiation, then bundles until the server goes idle
 * (or closes, or the caller stops it). Each bundle's records reach the sink and are flushed
 * before the bundle is acknowledged, so an acknowledged event is never only in memory.
 */
export async function runClientSession(opts: ClientSessionOptions): Promise<SessionResult> {
  const flags = opts.request.flags | FLAG.extended | FLAG.archival;
  const ch = new MessageChannel(opts.socket, {
    archival: (flags & FLAG.archival) !== 0, maxMessageLength: opts.maxMessageLength,
  });
  const result: SessionResult = { records: 0, bundles: 0, ended: 'closed' };
  // Waiting for the server is the only time a stop may cut the connection at once.
  const onAbort = () => {
    if (ch.waiting) ch.socket.destroy();
  };
  opts.signal?.addEventListener('abort', onAbort);
  try {
    await ch.send(eventStreamRequest(opts.start, flags));
    const info = await ch.next(opts.readTimeoutMs);
    if (info === undefined) throw closedAfterHandshake(opts.socket);
    if (info.messageType === 1) throw serverError(info);
    if (info?.messageType !== 2051) {
      throw new ProtocolError(`expected Streaming Information, got ${describe(info)}`);
    }
    opts.onNegotiated?.();
    if (opts.signal?.aborted) return { ...result, ended: 'stopped' };
    await ch.send(streamingRequest(opts.start, { ...opts.request, flags }));
    // Acknowledge the Streaming Information as eNcore does, after the request: a server that
    // waits for that Null can then count every later one as a bundle's acknowledgement.
    await ch.send(NULL);
    result.ended = await receive(ch, opts, result);
    return result;
  } catch (err) {
    if (opts.signal?.aborted) {
      result.ended = 'stopped';
      return result;
    }
    throw err;
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    ch.close();
  }
}

async function receive(ch: MessageChannel, opts: ClientSessionOptions, result: SessionResult):
  Promise<SessionResult['ended']> {
  const decode = { archival: true, maxMessageLength: opts.maxMessageLength };
  for (;;) {
    if (opts.signal?.aborted) return 'stopped';
    const frame = await ch.nextFrame(opts.readTimeoutMs);
    if (!frame) return opts.signal?.aborted ? 'stopped' : 'closed';
    const records: EStreamerRecord[] = [];
    const other = decodeFrameRecords(frame, decode, (rec) => {
      opts.sink.write(rec);
      opts.onRecord?.(rec);
      records.push(rec);
    });
    if (other?.messageType === 1) throw serverError(other);
    if (other?.messageType === 0 && !opts.follow) return 'idle';
    if (records.length === 0) continue;
    await opts.sink.flush();
    await opts.onFlushed?.(records);
    result.records += records.length;
    result.bundles++;
    await ch.send(NULL);
  }
}

function serverError(msg: EStreamerMessage): ServerError {
  const m = msg as { errorCode: number; errorText: string };
  return new ServerError(m.errorCode, m.errorText);
}

/**
 * An FMC drops a client right after the handshake when the client's address is not the one
 * its certificate was issued for; say so with both values.
 */
function closedAfterHandshake(socket: Duplex): ProtocolError {
  const tls = socket as Partial<TLSSocket>;
  const cn = (tls.getCertificate?.() as PeerCertificate | null)?.subject?.CN;
  const local = tls.localAddress;
  const hint = cn !== undefined && cn === local
    ? 'they match here, so check that the FMC lists this client for eStreamer'
    : 'an FMC does this when the client address is not the one in the client certificate';
  return new ProtocolError('the server closed the connection right after the TLS handshake ' +
    `(certificate CN=${cn ?? '?'}, local address ${local ?? '?'}); ${hint}`);
}

function describe(msg: EStreamerMessage | undefined): string {
  return msg ? `message type ${msg.messageType} (${msg.messageName})` : 'end of connection';
}
