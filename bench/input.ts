import type { EStreamerRecord } from '../generated/types.js';
import {
  MESSAGE_HEADER_SIZE, messageBytes, viewOf, type BundleMessage, type EventDataMessage,
} from '../runtime/messages/message.js';
import { Rng } from '../runtime/samples/random.js';
import { connRecord } from './conn-sample.js';
import { intrusionRecord } from './intrusion-sample.js';

/** A whole input held in memory, as the framer would receive it from a socket or file. */
export interface Stream {
  readonly bytes: Buffer;
  readonly view: DataView;
  readonly records: number;
}

function stream(parts: Buffer[], records: number): Stream {
  const bytes = Buffer.concat(parts);
  return { bytes, view: viewOf(bytes), records };
}

function eventData(record: EStreamerRecord): EventDataMessage {
  return { messageType: 4, messageName: 'Event Data', record };
}

/** One Event Data message per record, from the project's own encoders. */
function unbundled(n: number, make: (i: number) => EStreamerRecord): Buffer[] {
  const parts: Buffer[] = [];
  for (let i = 0; i < n; i++) parts.push(messageBytes(eventData(make(i))));
  return parts;
}

export function intrusionStream(n: number, seed: number): Stream {
  const rng = new Rng(seed);
  return stream(unbundled(n, (i) => intrusionRecord(rng, i)), n);
}

export function connStream(n: number, seed: number): Stream {
  const rng = new Rng(seed);
  return stream(unbundled(n, (i) => connRecord(rng, i)), n);
}

/** The same records twice: in Message Bundles (4002) and as one Event Data message each. */
export interface Mix {
  readonly bundled: Stream;
  readonly unbundled: Stream;
}

function bundle(sequenceNumber: number, messages: EventDataMessage[]): BundleMessage {
  return { messageType: 4002, messageName: 'Message Bundle', connectionId: 1, sequenceNumber,
    messages };
}

/** `n` records, 60 % intrusion events and 40 % connections, `perBundle` to a bundle. */
export function mixedStreams(n: number, perBundle: number, seed: number): Mix {
  const rng = new Rng(seed);
  const bundled: Buffer[] = [];
  const unbundled: Buffer[] = [];
  for (let i = 0; i < n; i += perBundle) {
    const messages: EventDataMessage[] = [];
    for (let j = i; j < Math.min(n, i + perBundle); j++) {
      messages.push(eventData(rng.chance(0.6) ? intrusionRecord(rng, j) : connRecord(rng, j)));
    }
    bundled.push(messageBytes(bundle(i / perBundle, messages)));
    for (const m of messages) unbundled.push(messageBytes(m));
  }
  return { bundled: stream(bundled, n), unbundled: stream(unbundled, n) };
}

/** Offsets of the first `n` top-level messages of a stream. */
export function messageOffsets(s: Stream, n: number): number[] {
  const offsets: number[] = [];
  for (let o = 0; offsets.length < n && o < s.bytes.length;) {
    offsets.push(o);
    o += MESSAGE_HEADER_SIZE + s.view.getUint32(o + 4);
  }
  return offsets;
}
