import { expect } from 'vitest';
import { decodeStream } from '../../runtime/cli/decode-stream.js';
import { DecodeError } from '../../runtime/codec/errors.js';
import type { DecodeOptions } from '../../runtime/messages/message.js';
import { ArraySink, type RecordSink } from '../../runtime/output/sink.js';

export interface Outcome {
  /** What reached the sink, in order. */
  values: unknown[];
  error: DecodeError | undefined;
}

async function* iterate(chunks: readonly Buffer[]): AsyncIterable<Buffer> {
  for (const c of chunks) yield c;
}

/**
 * Runs decodeStream over `chunks` into `sink`. A DecodeError is returned, not thrown, so a
 * test can look at the sink too; any other exception propagates and fails the test.
 */
export async function decodeChunks(
  chunks: readonly Buffer[], opts: DecodeOptions = {}, sink: RecordSink = new ArraySink(),
): Promise<DecodeError | undefined> {
  try {
    await decodeStream(iterate(chunks), sink, opts);
    return undefined;
  } catch (err) {
    if (err instanceof DecodeError) return err;
    throw err;
  }
}

/** decodeChunks into an ArraySink. */
export async function decodeAll(
  chunks: readonly Buffer[], opts: DecodeOptions = {},
): Promise<Outcome> {
  const sink = new ArraySink();
  const error = await decodeChunks(chunks, opts, sink);
  return { values: sink.values, error };
}

/** Decodes `chunks` and returns the DecodeError it must end with. */
export async function failure(
  chunks: readonly Buffer[], opts: DecodeOptions = {},
): Promise<DecodeError> {
  const { error } = await decodeAll(chunks, opts);
  if (!error) throw new Error('expected a DecodeError, decoding succeeded');
  return error;
}

/** `b` cut into pieces of `size` bytes, the way a socket may deliver it. */
export function split(b: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < b.length; i += size) out.push(b.subarray(i, i + size));
  return out;
}

/** Checks all three parts of a DecodeError and the message built from them. */
export function expectError(
  err: DecodeError | undefined, reason: string, offset: number, where: string,
): void {
  expect(err, 'expected a DecodeError').toBeInstanceOf(DecodeError);
  expect({ reason: err!.reason, offset: err!.offset, where: err!.where })
    .toEqual({ reason, offset, where });
  expect(err!.message).toBe(`${reason} at byte ${offset} (${where})`);
}

/** A copy of `b` with the 32-bit big-endian words at the given offsets replaced. */
export function patched(b: Buffer, words: Record<number, number>): Buffer {
  const out = Buffer.from(b);
  for (const [at, value] of Object.entries(words)) out.writeUInt32BE(value, Number(at));
  return out;
}
