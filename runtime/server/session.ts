import { randomBytes } from 'node:crypto';
import type { EStreamerRecord, FullHostProfile53 } from '../../generated/types.js';
import type { Frame } from '../messages/framer.js';
import {
  decodeMessage, messageBytes, type EStreamerMessage, type EventDataMessage,
} from '../messages/message.js';
import { ReadTimeoutError, type MessageChannel } from '../session/channel.js';
import { FLAG, SERVICE_ESTREAMER } from '../session/request.js';
import { normaliseServiceLength } from '../session/service-length.js';
import { dueFault, nextFaultAt, type Faults } from './faults.js';
import { answerHostRequest } from './hosts.js';
import { selectRecords, type Selection, type VersionCaps } from './selection.js';

export interface SessionOptions {
  records: readonly EStreamerRecord[];
  hosts: readonly FullHostProfile53[];
  bundleSize: number;
  follow: boolean;
  keepAliveMs: number;
  requestTimeoutMs: number;
  ackTimeoutMs: number;
  faults: Faults;
  versionCaps: VersionCaps;
  connectionId: number;
  log: (event: Record<string, unknown>) => void;
}

const NULL = messageBytes({ messageType: 0, messageName: 'Null' });

/** Ends a session early: the peer broke the protocol or a fault was injected. */
class SessionEnd extends Error {}

/** Serves one client connection from its Event Stream Request to the end of the data. */
export async function serveSession(ch: MessageChannel, opts: SessionOptions): Promise<void> {
  try {
    const sel = await negotiate(ch, opts);
    opts.log({ event: 'request', flags: sel.flags, start: sel.start, events: sel.events });
    if (sel.events === undefined && (sel.flags & FLAG.hostOnly) !== 0) {
      return await hostOnly(ch, opts);
    }
    const chosen = selectRecords(opts.records, sel, opts.versionCaps)
      .map((r) => shaped(r, sel.flags));
    if (sel.events) await takeInfoAck(ch);
    await stream(ch, chosen, sel, opts);
    await idle(ch, opts);
  } catch (err) {
    if (!(err instanceof SessionEnd)) opts.log({ event: 'session-error', error: String(err) });
  } finally {
    if (!ch.socket.destroyed) ch.close();
  }
}

async function nextRequest(ch: MessageChannel, opts: SessionOptions): Promise<Frame> {
  for (;;) {
    const f = await ch.nextFrame(opts.requestTimeoutMs);
    if (!f) throw new SessionEnd('client closed');
    if (f.v.getUint16(f.o + 2) !== 0) return f;
  }
}

function decodeRequest(f: Frame): EStreamerMessage {
  if (f.v.getUint16(f.o + 2) !== 2049) return decodeMessage(f.v, f.b, f.o, f.end);
  const body = normaliseServiceLength(f.b.subarray(f.o + 8, f.end));
  const whole = Buffer.concat([f.b.subarray(f.o, f.o + 8), body]);
  return decodeMessage(new DataView(whole.buffer, whole.byteOffset, whole.length), whole, 0,
    whole.length);
}

async function refuse(ch: MessageChannel, text: string): Promise<never> {
  await ch.send({ messageType: 1, messageName: 'Error', errorCode: -1, errorText: text });
  throw new SessionEnd(text);
}

async function negotiate(ch: MessageChannel, opts: SessionOptions): Promise<Selection> {
  const first = decodeRequest(await nextRequest(ch, opts));
  if (first.messageType !== 2 || 'unknown' in first) {
    return refuse(ch, 'expected an Event Stream Request');
  }
  const { initialTimestamp: start, requestFlags: flags } = first;
  if ((flags & FLAG.extended) === 0) return { flags, start, events: undefined };

  await ch.send({
    messageType: 2051, messageName: 'Streaming Information', otherServices: '',
    service: {
      blockType: SERVICE_ESTREAMER, flags: 0, initialTimestamp: 0, streamingEventType: [],
    },
  });
  const req = decodeRequest(await nextRequest(ch, opts));
  if (req.messageType !== 2049 || 'unknown' in req) {
    return refuse(ch, 'expected a Streaming Request');
  }
  if (req.service.blockType !== SERVICE_ESTREAMER) return refuse(ch, 'unknown service');
  return { flags: req.service.flags, start: req.service.initialTimestamp,
    events: req.service.streamingEventType };
}

/** A session for host data only: answer Host Requests until the client leaves. */
async function hostOnly(ch: MessageChannel, opts: SessionOptions): Promise<void> {
  for (;;) {
    const msg = await ch.next(opts.requestTimeoutMs).catch(() => undefined);
    if (!msg) return;
    if (msg.messageType === 5 && !('unknown' in msg)) {
      opts.log({ event: 'host-request', dataType: msg.dataType, start: msg.startIpAddress,
        end: msg.endIpAddress });
      await answerHostRequest(ch, msg, opts.hosts);
    }
  }
}

/** Records carry archival words only when the client set request flag bit 23. */
function shaped(rec: EStreamerRecord, flags: number): EStreamerRecord {
  if ((flags & FLAG.archival) !== 0) {
    return { ...rec, archiveTimestamp: rec.archiveTimestamp ?? 0, reserved: rec.reserved ?? 0 };
  }
  return { ...rec, archiveTimestamp: undefined, reserved: undefined };
}

function eventData(record: EStreamerRecord): EventDataMessage {
  return { messageType: 4, messageName: 'Event Data', record };
}

async function stream(ch: MessageChannel, records: EStreamerRecord[], sel: Selection,
  opts: SessionOptions): Promise<void> {
  const bundled = sel.events !== undefined;
  let sent = 0;
  let sequence = 1;
  while (sent < records.length) {
    await fault(ch, opts, sent);
    const count = Math.min(bundled ? opts.bundleSize : 1, records.length - sent,
      nextFaultAt(opts.faults, sent) - sent);
    const items = records.slice(sent, sent + count).map(eventData);
    const bytes = messageBytes(bundled
      ? { messageType: 4002, messageName: 'Message Bundle', connectionId: opts.connectionId,
        sequenceNumber: sequence++, messages: items }
      : items[0]!);
    sent += count;
    if (opts.faults.dropAfter === sent && sent < records.length) {
      // Cut the connection inside the next bundle, the way a reset mid-transfer looks.
      await ch.send(bytes);
      ch.socket.write(messageBytes(eventData(records[sent]!)).subarray(0, 12));
      ch.socket.destroy();
      throw new SessionEnd('dropped');
    }
    ch.discard(0);
    await ch.send(bytes);
    if (bundled) await awaitAck(ch, opts);
  }
  await fault(ch, opts, sent);
}

async function fault(ch: MessageChannel, opts: SessionOptions, sent: number): Promise<void> {
  const kind = dueFault(opts.faults, sent);
  if (kind === undefined) return;
  opts.log({ event: 'fault', kind, after: sent });
  if (kind === 'dropAfter') ch.socket.destroy();
  if (kind === 'errorAfter') {
    await ch.send({ messageType: 1, messageName: 'Error', errorCode: 500,
      errorText: 'injected error' });
  }
  if (kind === 'garbageAfter') await ch.send(randomBytes(64));
  if (kind === 'stallAfter') await new Promise((r) => ch.socket.once('close', r));
  if (kind !== 'garbageAfter') throw new SessionEnd(kind);
}

/**
 * How long the server waits, after the Streaming Request, for the Null with which clients such
 * as eNcore acknowledge the Streaming Information. They send it after their request, so it
 * would otherwise be taken for the acknowledgement of the first bundle and flow control would
 * run one bundle ahead. A client that sends none only starts this much later.
 */
const INFO_ACK_GRACE_MS = 300;

async function takeInfoAck(ch: MessageChannel): Promise<void> {
  const f = await ch.nextFrame(INFO_ACK_GRACE_MS).catch((err: unknown) => {
    if (err instanceof ReadTimeoutError) return null;
    throw err;
  });
  if (f === undefined) throw new SessionEnd('client closed');
  if (f !== null && f.v.getUint16(f.o + 2) === 1) throw new SessionEnd('client sent an error');
}

/** Waits for the client's Null for the last bundle; other client messages are ignored. */
async function awaitAck(ch: MessageChannel, opts: SessionOptions): Promise<void> {
  for (;;) {
    const msg = await ch.next(opts.ackTimeoutMs);
    if (!msg) throw new SessionEnd('client closed');
    if (msg.messageType === 0) return;
    if (msg.messageType === 1) throw new SessionEnd('client sent an error');
  }
}

/**
 * Nothing more to send: a keep-alive Null says so. With follow the connection stays open with
 * a Null every keepAliveMs; without, the server waits a little for the client to close.
 */
async function idle(ch: MessageChannel, opts: SessionOptions): Promise<void> {
  await ch.send(NULL);
  const deadline = opts.follow ? Infinity : Date.now() + Math.max(opts.keepAliveMs, 1000);
  while (!ch.closed && Date.now() < deadline) {
    const got = await ch.next(opts.keepAliveMs).catch(() => 'timeout' as const);
    if (got === undefined) return;
    if (got === 'timeout' && opts.follow) await ch.send(NULL);
  }
}
