import { isIPv4 } from 'node:net';
import { EncodeError } from './errors.js';

/** Parses the text forms that format.ts prints back into wire bytes, for the encoders. */

export function ipv4Bytes(text: string, where: string): Buffer {
  if (!isIPv4(text)) throw new EncodeError(where, `not an IPv4 address: ${JSON.stringify(text)}`);
  return Buffer.from(text.split('.').map(Number));
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

export function uuidBytes(text: string, where: string): Buffer {
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
