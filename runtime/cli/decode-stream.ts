import { DecodeError } from '../codec/errors.js';
import { MessageFramer, type Frame } from '../messages/framer.js';
import { decodeFrameRecords } from '../messages/frame-decode.js';
import type { DecodeOptions } from '../messages/message.js';
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
  const write = (rec: unknown) => {
    counts.records++;
    sink.write(rec);
  };
  const emit = (frame: Frame) => {
    const other = decodeFrameRecords(frame, opts, write);
    counts.messages++;
    if (other) sink.write(other);
  };

  try {
    for await (const chunk of chunks) {
      framer.push(chunk);
      for (let f = framer.next(); f; f = framer.next()) emit(f);
      await sink.ready?.();
    }
    const rest = framer.remainder();
    if (rest) throw truncatedAtEnd(rest, opts, write);
  } finally {
    await sink.flush();
  }
  return counts;
}

/**
 * Decodes what there is of the last message so the error names the field it stops in; the
 * records of a cut bundle that are whole still reach the sink.
 */
function truncatedAtEnd(rest: Frame, opts: DecodeOptions, write: (rec: unknown) => void):
  DecodeError {
  const have = rest.end - rest.o;
  if (have >= 8) {
    try {
      decodeFrameRecords(rest, opts, write);
    } catch (err) {
      if (err instanceof DecodeError) return err;
      throw err;
    }
  }
  const stated = have >= 8 ? `, its header says ${8 + rest.v.getUint32(rest.o + 4)}` : '';
  return new DecodeError(`stream ends inside a message: ${have} bytes${stated}`,
    rest.streamOffset + have, 'message');
}
