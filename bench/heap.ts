import { decodeMessage, MESSAGE_HEADER_SIZE } from '../runtime/messages/message.js';
import { decodeIntrusion } from './hand-decoder.js';
import { messageOffsets, type Stream } from './input.js';
import { retained, type Retained } from './measure.js';

/** Decodes the message at [o, end) into the record a consumer would keep. */
type Keeper = (s: Stream, o: number, end: number) => unknown;

const hand: Keeper = (s, o, end) => decodeIntrusion(s.view, s.bytes, o + MESSAGE_HEADER_SIZE, end);

const generated: Keeper = (s, o, end) => {
  const msg = decodeMessage(s.view, s.bytes, o, end, { archival: true });
  return 'record' in msg ? msg.record : msg;
};

function measure(s: Stream, n: number, keep: Keeper): Retained {
  const offsets = messageOffsets(s, n);
  return retained(offsets.length, (i) => {
    const o = offsets[i]!;
    return keep(s, o, o + MESSAGE_HEADER_SIZE + s.view.getUint32(o + 4));
  });
}

export interface HeapResult {
  readonly name: string;
  readonly kept: Retained;
}

/** Retained heap per record for the hand-written and generated decoders. */
export function heapResults(ids: Stream, conn: Stream, n: number): HeapResult[] {
  return [
    { name: 'intrusion: hand decoder', kept: measure(ids, n, hand) },
    { name: 'intrusion: generated decodeMessage', kept: measure(ids, n, generated) },
    { name: 'conn: generated decodeMessage', kept: measure(conn, n, generated) },
  ];
}
