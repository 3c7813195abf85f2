import { MessageFramer } from '../runtime/messages/framer.js';
import {
  decodeMessage, decodeRecords, MESSAGE_HEADER_SIZE, type DecodeOptions,
} from '../runtime/messages/message.js';
import { decodeRecord } from '../runtime/messages/record.js';
import { toJson } from '../runtime/output/json.js';
import { decodeIntrusion } from './hand-decoder.js';
import type { Stream } from './input.js';
import { LineBuffer } from './line-buffer.js';

/**
 * One full pass over a stream per function; each returns the number of records it produced.
 * Results go into a small ring that outlives the pass, so V8 cannot drop the allocations, and
 * old results die young as they would in a streaming consumer.
 *
 * The ring holds fewer than 85 records on purpose. V8 moves an object literal's allocation
 * site to old space for good once a scavenge finds 85 % of at least 100 objects it made since
 * the last one still alive; with a 256-record ring that happened at random (right after a
 * deoptimisation) in about 3 runs of 8, and made conn decoding 1.7-2x slower for the rest of
 * the process, which swamped every ratio.
 */
const RING = 64;
const ring: unknown[] = new Array<unknown>(RING).fill(null);
const slot = (n: number) => n & (RING - 1);
const OPTS: DecodeOptions = { archival: true };
const out = new LineBuffer();

export function framingOnly(s: Stream): number {
  const framer = new MessageFramer();
  framer.push(s.bytes);
  let n = 0;
  for (let f = framer.next(); f; f = framer.next()) ring[slot(n++)] = f;
  return n;
}

/** The hand-written path walks message lengths itself, as hand-written code would. */
export function handDecode(s: Stream): number {
  const { bytes: b, view: v } = s;
  let n = 0;
  for (let o = 0; o < b.length; n++) {
    const end = o + MESSAGE_HEADER_SIZE + v.getUint32(o + 4);
    ring[slot(n)] = decodeIntrusion(v, b, o + MESSAGE_HEADER_SIZE, end);
    o = end;
  }
  return n;
}

export function handJson(s: Stream): number {
  const { bytes: b, view: v } = s;
  let n = 0;
  for (let o = 0; o < b.length; n++) {
    const end = o + MESSAGE_HEADER_SIZE + v.getUint32(o + 4);
    out.line(JSON.stringify(decodeIntrusion(v, b, o + MESSAGE_HEADER_SIZE, end)));
    o = end;
  }
  return n;
}

/** What the decode command does per message: framer, then decodeMessage. */
export function generatedDecode(s: Stream): number {
  const framer = new MessageFramer();
  framer.push(s.bytes);
  let n = 0;
  for (let f = framer.next(); f; f = framer.next()) {
    const msg = decodeMessage(f.v, f.b, f.o, f.end, OPTS);
    // Ring slots hold records, not bundles: 64 bundles would keep 6,400 records alive and
    // charge the bundled path for garbage collection the unbundled path does not pay.
    if ('messages' in msg) for (const m of msg.messages) ring[slot(n++)] = m.record;
    else ring[slot(n++)] = msg;
  }
  return n;
}

/** Diagnostic: the generated record decoder alone, walked like the hand-written path. */
export function generatedRecordOnly(s: Stream): number {
  const { bytes: b, view: v } = s;
  let n = 0;
  for (let o = 0; o < b.length; n++) {
    const end = o + MESSAGE_HEADER_SIZE + v.getUint32(o + 4);
    ring[slot(n)] = decodeRecord(v, b, o + MESSAGE_HEADER_SIZE, end, true);
    o = end;
  }
  return n;
}

/** What the decode command does with a JSON-lines sink, minus the write to a file. */
export function generatedJson(s: Stream): number {
  let n = 0;
  const write = (rec: unknown): void => {
    out.line(toJson(rec));
    n++;
  };
  const framer = new MessageFramer();
  framer.push(s.bytes);
  for (let f = framer.next(); f; f = framer.next()) {
    decodeRecords(f.v, f.b, f.o, f.end, OPTS, write);
  }
  return n;
}
