import { isDeepStrictEqual } from 'node:util';
import { decodeMessage, MESSAGE_HEADER_SIZE } from '../runtime/messages/message.js';
import { toJson } from '../runtime/output/json.js';
import { decodeIntrusion } from './hand-decoder.js';
import { messageOffsets, type Stream } from './input.js';

function firstDifference(a: Record<string, unknown>, b: Record<string, unknown>): string {
  const keysA = Object.keys(a).join();
  const keysB = Object.keys(b).join();
  if (keysA !== keysB) return `keys differ:\n  hand      ${keysA}\n  generated ${keysB}`;
  const key = Object.keys(a).find((k) => !isDeepStrictEqual(a[k], b[k])) ?? '';
  return `${key}: hand ${JSON.stringify(a[key])}, generated ${JSON.stringify(b[key])}`;
}

/**
 * The hand-written and generated decoders must agree on the first `n` records, as objects and
 * as JSON text, or the timings compare different work. Returns the first disagreement.
 */
export function compareDecoders(s: Stream, n: number): string | undefined {
  const { bytes: b, view: v } = s;
  for (const o of messageOffsets(s, n)) {
    const end = o + MESSAGE_HEADER_SIZE + v.getUint32(o + 4);
    const hand = decodeIntrusion(v, b, o + MESSAGE_HEADER_SIZE, end);
    const msg = decodeMessage(v, b, o, end, { archival: true });
    if (!('record' in msg)) return `message at byte ${o} decoded without a record`;
    const gen = msg.record;
    if (!isDeepStrictEqual(hand, gen)) {
      return `record at byte ${o}: ${firstDifference({ ...hand }, { ...gen })}`;
    }
    if (JSON.stringify(hand) !== toJson(gen)) return `record at byte ${o}: JSON text differs`;
  }
  return undefined;
}
