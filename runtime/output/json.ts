import { randomBytes } from 'node:crypto';

/**
 * JSON text of decoded records. uint64 values above 2^53 - 1 are bigints, which
 * JSON.stringify refuses; Node 20 has no JSON.rawJSON, so such a record takes a slower path
 * that writes each bigint as an exact integer literal. Every other record goes straight
 * through JSON.stringify.
 */
// A per-process random token, so that no string from the wire can pose as a marked bigint.
const TOKEN = randomBytes(8).toString('hex');
const MARK = `\u0000${TOKEN}:`;
const MARKED = new RegExp(`"\\\\u0000${TOKEN}:(\\d+)"`, 'g');

function markBigints(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? MARK + value.toString() : value;
}

export function toJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch (err) {
    if (!(err instanceof TypeError)) throw err;
    return JSON.stringify(value, markBigints).replace(MARKED, '$1');
  }
}
