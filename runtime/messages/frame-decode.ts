import type { EStreamerRecord } from '../../generated/types.js';
import { DecodeError } from '../codec/errors.js';
import type { Frame } from './framer.js';
import {
  decodeMessage, decodeRecords, type DecodeOptions, type EStreamerMessage,
} from './message.js';

/** Runs `fn` on a frame, turning the buffer offsets of its DecodeError into stream offsets. */
function atStreamOffsets<T>(f: Frame, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw err instanceof DecodeError ? err.shifted(f.streamOffset - f.o) : err;
  }
}

/** decodeMessage over a frame. */
export function decodeFrame(f: Frame, opts: DecodeOptions): EStreamerMessage {
  return atStreamOffsets(f, () => decodeMessage(f.v, f.b, f.o, f.end, opts));
}

/** decodeRecords over a frame. */
export function decodeFrameRecords(
  f: Frame, opts: DecodeOptions, each: (rec: EStreamerRecord) => void,
): EStreamerMessage | undefined {
  return atStreamOffsets(f, () => decodeRecords(f.v, f.b, f.o, f.end, opts, each));
}
