import { DecodeError } from '../codec/errors.js';
import { MessageFramer, type Frame } from '../messages/framer.js';
import { decodeMessage, type DecodeOptions } from '../messages/message.js';
import { recordsOf } from '../messages/records-of.js';
import type { RecordSink } from '../output/sink.js';

/**
 * Decodes a stream of raw messages (as they travel on the wire) into a sink, one JSON value
 * per record and one per non-record message. Stops at the first fault with a DecodeError whose
 * offset counts from the start of the stream; everything before it has been written.
 */
export async function decodeStream(
  chunks: AsyncIterable<Buffer>, sink: RecordSink, opts: DecodeOptions,
): Promise<{ messages: number; records: number }> {
  const framer = new MessageFramer(opts.maxMessageLength);
  const counts = { messages: 0, records: 0 };
  const emit = (frame: Frame) => {
    const msg = decodeOrShift(frame, opts);
    counts.messages++;
    const records = recordsOf(msg);
    counts.records += records.length;
    if (records.length === 0 && msg.messageType !== 4002) sink.write(msg);
    for (const rec of records) sink.write(rec);
  };

  try {
    for await (const chunk of chunks) {
      framer.push(chunk);
      for (let f = framer.next(); f; f = framer.next()) emit(f);
    }
    const rest = framer.remainder();
    if (rest) throw truncatedAtEnd(rest, opts);
  } finally {
    await sink.flush();
  }
  return counts;
}

function decodeOrShift(frame: Frame, opts: DecodeOptions) {
  try {
    return decodeMessage(frame.v, frame.b, frame.o, frame.end, opts);
  } catch (err) {
    throw err instanceof DecodeError ? err.shifted(frame.streamOffset - frame.o) : err;
  }
}

/** Decodes what there is of the last message so the error names the field it stops in. */
function truncatedAtEnd(rest: Frame, opts: DecodeOptions): DecodeError {
  const have = rest.end - rest.o;
  if (have >= 8) {
    try {
      decodeOrShift(rest, opts);
    } catch (err) {
      if (err instanceof DecodeError) return err;
      throw err;
    }
  }
  const stated = have >= 8 ? `, its header says ${8 + rest.v.getUint32(rest.o + 4)}` : '';
  return new DecodeError(`stream ends inside a message: ${have} bytes${stated}`,
    rest.streamOffset + have, 'message');
}
