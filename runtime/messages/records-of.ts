import type { EStreamerRecord } from '../../generated/types.js';
import type { EStreamerMessage } from './message.js';

/** The records a message carries: one for Event Data, all of a bundle's, none otherwise. */
export function recordsOf(msg: EStreamerMessage): EStreamerRecord[] {
  if ('record' in msg) return [msg.record];
  if ('messages' in msg) return msg.messages.map((m) => m.record);
  return [];
}
