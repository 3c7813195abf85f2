import { EncodeError } from './errors.js';

/** Parses the text forms that format.ts prints back into wire bytes, for the encoders. */

/** Writes a dotted quad into out[at..at+4); false when `text` is not one (no leading zeros). */
function dottedQuad(text: string, out: Buffer, at: number): boolean {
  let part = 0;
  let value = 0;
  let digits = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 46;
    if (c === 46) {
      if (digits === 0 || value > 255 || part > 3) return false;
      out[at + part++] = value;
      value = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && value === 0) return false;
      value = value * 10 + c - 48;
      if (++digits > 3) return false;
    } else {
      return false;
    }
  }
  return part === 4;
}

export function ipv4Bytes(text: string, where: string): Buffer {
  const out = Buffer.allocUnsafe(4);
  if (!dottedQuad(text, out, 0)) {
    throw new EncodeError(where, `not an IPv4 address: ${JSON.stringify(text)}`);
  }
  return out;
}

function groupsOf(part: string, where: string, text: string): number[] {
  if (part === '') return [];
  return part.split(':').map((g) => {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) {
      throw new EncodeError(where, `not an IPv6 address: ${JSON.stringify(text)}`);
    }
    return parseInt(g, 16);
  });
}

/** A dotted quad becomes the IPv4-mapped address ::ffff:a.b.c.d, as eStreamer stores it. */
export function ipv6Bytes(text: string, where: string): Buffer {
  const out = Buffer.alloc(16);
  // Most addresses are IPv4 written as a dotted quad: the mapped form needs no parsing of groups.
  if (!text.includes(':')) {
    out[10] = 0xff;
    out[11] = 0xff;
    if (dottedQuad(text, out, 12)) return out;
    throw new EncodeError(where, `not an IPv6 address: ${JSON.stringify(text)}`);
  }
  let body = text;
  let tail: Buffer | undefined;
  if (text.includes('.')) {
    const lastColon = text.lastIndexOf(':');
    tail = ipv4Bytes(text.slice(lastColon + 1), where);
    body = lastColon < 0 ? '::ffff' : text.slice(0, lastColon);
    if (body.endsWith(':')) body += ':';
  }
  const width = tail ? 6 : 8;
  const halves = body.split('::');
  if (halves.length > 2) throw new EncodeError(where, `not an IPv6 address: ${text}`);
  const head = groupsOf(halves[0]!, where, text);
  const rest = halves.length === 2 ? groupsOf(halves[1]!, where, text) : [];
  const groups = halves.length === 2
    ? [...head, ...new Array<number>(width - head.length - rest.length).fill(0), ...rest]
    : head;
  if (groups.length !== width || head.length + rest.length > width) {
    throw new EncodeError(where, `not an IPv6 address: ${JSON.stringify(text)}`);
  }
  groups.forEach((g, i) => out.writeUInt16BE(g, 2 * i));
  if (tail) tail.copy(out, 12);
  return out;
}

/** Value of each ASCII hex digit, -1 for any other character. */
const HEX_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) {
  HEX_VALUE['0123456789abcdef'.charCodeAt(i)] = i;
  HEX_VALUE['0123456789ABCDEF'.charCodeAt(i)] = i;
}

function hexAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c < 128 ? HEX_VALUE[c]! : -1;
}

/**
 * The 8-4-4-4-12 form, as every decoded object holds it, is read without regular expressions
 * or intermediate strings (the test server encodes every record it sends); other spellings take
 * the general path.
 */
export function uuidBytes(text: string, where: string): Buffer {
  if (text.length === 36) {
    const out = Buffer.allocUnsafe(16);
    let j = 0;
    for (let i = 0; i < 36; i += 2) {
      if (i === 8 || i === 13 || i === 18 || i === 23) {
        if (text.charCodeAt(i) !== 45) break;
        i--;
        continue;
      }
      const hi = hexAt(text, i);
      const lo = hexAt(text, i + 1);
      if (hi < 0 || lo < 0) break;
      out[j++] = (hi << 4) | lo;
    }
    if (j === 16) return out;
  }
  const hex = text.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) {
    throw new EncodeError(where, `not a UUID: ${JSON.stringify(text)}`);
  }
  return Buffer.from(hex, 'hex');
}

export function macBytes(text: string, where: string): Buffer {
  if (!/^([0-9a-fA-F]{2}[:-]){5}[0-9a-fA-F]{2}$/.test(text)) {
    throw new EncodeError(where, `not a MAC address: ${JSON.stringify(text)}`);
  }
  return Buffer.from(text.replace(/[:-]/g, ''), 'hex');
}
