/**
 * Errors raised while decoding bytes from the wire or a file. Every error names the absolute
 * byte offset where reading failed and the structure (record, block, field) being read.
 */
export class DecodeError extends Error {
  override readonly name = 'DecodeError';

  /** What was decoded before the fault, when the failing layout could say. */
  partial: Record<string, unknown> | undefined;

  constructor(
    readonly reason: string,
    readonly offset: number,
    readonly where: string,
  ) {
    super(`${reason} at byte ${offset} (${where})`);
  }

  /** The same error with its offset moved by `delta`: buffer offsets become stream offsets. */
  shifted(delta: number): DecodeError {
    const moved = new DecodeError(this.reason, this.offset + delta, this.where);
    moved.partial = this.partial;
    return moved;
  }
}

export function isDecodeError(e: unknown): e is DecodeError {
  return e instanceof Error && e.name === 'DecodeError';
}

/** Raised by encoders when a value cannot be put on the wire as its schema says. */
export class EncodeError extends Error {
  override readonly name = 'EncodeError';

  constructor(readonly where: string, reason: string) {
    super(`${where}: ${reason}`);
  }
}

/** `1 byte`, `2 bytes`: counts in error reasons. */
export function bytes(n: number): string {
  return n === 1 ? '1 byte' : `${n} bytes`;
}
