import { decodeMessageBody, type FieldMessage } from '../../generated/decoders.js';
import { encodeMessageBody } from '../../generated/encoders.js';
import type { EStreamerRecord } from '../../generated/types.js';
import { bytes, DecodeError } from '../codec/errors.js';
import { Writer } from '../codec/writer.js';
import { decodeRecord, encodeRecord, type ArchivalMode } from './record.js';

export const MESSAGE_HEADER_SIZE = 8;
export const EVENT_DATA = 4;
export const MESSAGE_BUNDLE = 4002;
export const DEFAULT_MAX_MESSAGE_LENGTH = 64 * 1024 * 1024;

export interface EventDataMessage {
  messageType: 4;
  messageName: 'Event Data';
  record: EStreamerRecord;
}

/**
 * A Message Bundle (4002). The guide puts a Connection ID and a Sequence Number before the
 * bundled messages, and gives each bundled message a full header with version 1. eNcore, which
 * works against real FMCs, skips those 8 bytes and requires each bundled header's first four
 * bytes to read as the number 4, that is version 0. We accept both and emit version 0.
 */
export interface BundleMessage {
  messageType: 4002;
  messageName: 'Message Bundle';
  connectionId: number;
  sequenceNumber: number;
  messages: EventDataMessage[];
}

export interface UnknownMessage {
  messageType: number;
  messageName: 'Unknown';
  unknown: true;
  raw: string;
}

export type EStreamerMessage = FieldMessage | EventDataMessage | BundleMessage | UnknownMessage;

export interface DecodeOptions {
  /** Whether records carry archival timestamps (request flag bit 23); default 'auto'. */
  archival?: ArchivalMode;
  /** Messages longer than this are refused before any byte of them is buffered. */
  maxMessageLength?: number;
}

/** What decodeMessage passes down. */
interface Ctx {
  readonly mode: ArchivalMode;
  readonly max: number;
}

/** Checks a message header at `o` and returns the message length it states. */
export function messageLength(
  v: DataView, o: number, maxLength: number, versions: readonly number[] = [1],
  where = 'message header',
): number {
  const version = v.getUint16(o);
  if (!versions.includes(version)) {
    throw new DecodeError(`header version ${version}, expected ${versions.join(' or ')}`, o,
      where);
  }
  const len = v.getUint32(o + 4);
  if (len > maxLength) {
    throw new DecodeError(`message length ${len} exceeds the maximum of ${maxLength}`, o + 4,
      `message ${v.getUint16(o + 2)}`);
  }
  return len;
}

/** Where a message's body lies: up to `end` (the bytes present) and `stated` (its header). */
interface Body {
  readonly type: number;
  readonly o: number;
  readonly end: number;
  readonly stated: number;
}

function bodyOf(v: DataView, o: number, end: number, max: number): Body {
  if (o + MESSAGE_HEADER_SIZE > end) {
    throw new DecodeError(`message header needs 8 bytes, ${end - o} left`, o, 'message header');
  }
  const stated = o + MESSAGE_HEADER_SIZE + messageLength(v, o, max);
  return { type: v.getUint16(o + 2), o: o + MESSAGE_HEADER_SIZE, end: Math.min(end, stated),
    stated };
}

/** Checks the Connection ID and Sequence Number that open a bundle body. */
function bundleHeader(body: Body): void {
  if (body.o + 8 > body.end) {
    throw new DecodeError(`bundle header needs 8 bytes, ${body.end - body.o} left`, body.o,
      'message bundle');
  }
}

/**
 * Decodes the message whose header starts at `o`; `end` bounds the bytes available. The caller
 * (a framer) normally passes exactly one whole message.
 */
export function decodeMessage(
  v: DataView, b: Buffer, o: number, end: number, opts: DecodeOptions = {},
): EStreamerMessage {
  const ctx: Ctx = { mode: opts.archival ?? 'auto',
    max: opts.maxMessageLength ?? DEFAULT_MAX_MESSAGE_LENGTH };
  const body = bodyOf(v, o, end, ctx.max);
  if (body.type === EVENT_DATA) return eventData(v, b, body.o, body.end, body.stated, ctx);
  if (body.type === MESSAGE_BUNDLE) return decodeBundle(v, b, body, ctx);
  const plain = decodeMessageBody(body.type, v, b, body.o, body.end);
  if (plain) return plain;
  return { messageType: body.type, messageName: 'Unknown', unknown: true,
    raw: b.hexSlice(body.o, body.end) };
}

/**
 * Streams the records of the message at `o` to `each` as they are decoded, so that a fault
 * late in a bundle leaves every record before it delivered. Returns the message itself when it
 * carries no records (Null, Error, ...), else undefined.
 */
export function decodeRecords(
  v: DataView, b: Buffer, o: number, end: number, opts: DecodeOptions,
  each: (rec: EStreamerRecord) => void,
): EStreamerMessage | undefined {
  const type = o + MESSAGE_HEADER_SIZE <= end ? v.getUint16(o + 2) : -1;
  if (type !== MESSAGE_BUNDLE) {
    const msg = decodeMessage(v, b, o, end, opts);
    if (msg.messageType !== EVENT_DATA || 'unknown' in msg) return msg;
    each((msg as EventDataMessage).record);
    return undefined;
  }
  const max = opts.maxMessageLength ?? DEFAULT_MAX_MESSAGE_LENGTH;
  const body = bodyOf(v, o, end, max);
  bundleHeader(body);
  const mode = opts.archival ?? 'auto';
  forEachBundled(v, body.o + 8, body.end, body.stated, max, (at, itemEnd, itemStated) => {
    each(decodeRecord(v, b, at + MESSAGE_HEADER_SIZE, itemEnd, mode, itemStated));
  });
  return undefined;
}

function eventData(v: DataView, b: Buffer, o: number, end: number, stated: number, ctx: Ctx):
  EventDataMessage {
  return { messageType: EVENT_DATA, messageName: 'Event Data',
    record: decodeRecord(v, b, o, end, ctx.mode, stated) };
}

function decodeBundle(v: DataView, b: Buffer, body: Body, ctx: Ctx): BundleMessage {
  bundleHeader(body);
  const bundle: BundleMessage = {
    messageType: MESSAGE_BUNDLE, messageName: 'Message Bundle',
    connectionId: v.getUint32(body.o), sequenceNumber: v.getUint32(body.o + 4), messages: [],
  };
  forEachBundled(v, body.o + 8, body.end, body.stated, ctx.max, (at, itemEnd, itemStated) => {
    bundle.messages.push(eventData(v, b, at + MESSAGE_HEADER_SIZE, itemEnd, itemStated, ctx));
  });
  return bundle;
}

/**
 * Walks the messages of a bundle body (after connection ID and sequence number), calling `each`
 * with each message's start, end, and stated end (past `end` only when the input was cut).
 * Only Event Data may be bundled.
 */
export function forEachBundled(
  v: DataView, o: number, end: number, stated: number, max: number,
  each: (at: number, end: number, stated: number) => void,
): void {
  while (o < end) {
    if (o + MESSAGE_HEADER_SIZE > end) {
      throw new DecodeError(`bundled message header needs 8 bytes, ${end - o} left`, o,
        'message bundle');
    }
    const len = messageLength(v, o, max, [0, 1], 'bundled message header');
    const type = v.getUint16(o + 2);
    if (type !== EVENT_DATA) {
      throw new DecodeError(`bundled message type ${type}, expected 4`, o + 2, 'message bundle');
    }
    const itemStated = o + MESSAGE_HEADER_SIZE + len;
    if (itemStated > stated) {
      throw new DecodeError(`bundled message length ${len} runs ${bytes(itemStated - stated)} ` +
        'past the bundle end', o + 4, 'message bundle');
    }
    each(o, Math.min(itemStated, end), itemStated);
    o = itemStated;
  }
}

function header(w: Writer, type: number, version = 1): number {
  w.u16(version);
  w.u16(type);
  return w.mark();
}

/** Appends one whole message to `w`. */
export function encodeMessage(w: Writer, msg: EStreamerMessage): void {
  const slot = header(w, msg.messageType);
  const start = w.pos;
  if ('unknown' in msg) w.hex(msg.raw, `message ${msg.messageType}`);
  else if (msg.messageType === EVENT_DATA) encodeRecord(w, (msg as EventDataMessage).record);
  else if (msg.messageType === MESSAGE_BUNDLE) encodeBundleBody(w, msg as BundleMessage);
  else encodeMessageBody(w, msg as FieldMessage);
  w.patch(slot, 4, w.pos - start);
}

function encodeBundleBody(w: Writer, msg: BundleMessage): void {
  w.u32(msg.connectionId);
  w.u32(msg.sequenceNumber);
  for (const item of msg.messages) {
    const slot = header(w, EVENT_DATA, 0);
    const start = w.pos;
    encodeRecord(w, item.record);
    w.patch(slot, 4, w.pos - start);
  }
}

/** Encodes one message into a new Buffer. */
export function messageBytes(msg: EStreamerMessage): Buffer {
  const w = new Writer(256);
  encodeMessage(w, msg);
  return Buffer.from(w.bytes());
}

/** A DataView over the whole of `b`, for the decoders. */
export function viewOf(b: Buffer): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}
