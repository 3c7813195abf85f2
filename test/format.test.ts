import { isIPv4 } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatIpv4, formatIpv6, formatMac, formatText, formatUuid, readUint64,
} from '../runtime/codec/format.js';
import { ipv4Bytes, ipv6Bytes, macBytes, uuidBytes } from '../runtime/codec/parse.js';

/** WHATWG URL parsing prints IPv6 hosts in RFC 5952 form: an independent reference. */
function reference(bytes: Uint8Array): string {
  const groups = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  return new URL(`http://[${groups.join(':')}]/`).hostname.slice(1, -1);
}

const isMapped = (b: Uint8Array) => b.subarray(0, 10).every((x) => x === 0) &&
  b[10] === 0xff && b[11] === 0xff;

/** Addresses with runs of zero groups, which is where RFC 5952 has rules. */
const address = fc.array(fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 0,
  max: 0xffff })), { minLength: 8, maxLength: 8 }).map((groups) => {
  const b = Buffer.alloc(16);
  groups.forEach((g, i) => b.writeUInt16BE(g, 2 * i));
  return b;
});

describe('formatIpv6', () => {
  it('prints RFC 5952 text, as URL parsing does', () => {
    fc.assert(fc.property(address, (b) => {
      fc.pre(!isMapped(b));
      expect(formatIpv6(b, 0)).toBe(reference(b));
    }), { numRuns: 2000 });
  });

  it('prints IPv4-mapped addresses as dotted quads, as the guide stores IPv4', () => {
    const b = Buffer.from('00000000000000000000ffff0a050f01', 'hex');
    expect(formatIpv6(b, 0)).toBe('10.5.15.1');
  });

  it('prints the documented cases', () => {
    const f = (hex: string) => formatIpv6(Buffer.from(hex, 'hex'), 0);
    expect(f('20010db8000000000000000000004321')).toBe('2001:db8::4321');
    expect(f('00000000000000000000000000000000')).toBe('::');
    expect(f('00000000000000000000000000000001')).toBe('::1');
    expect(f('20010db8000000010000000000000000')).toBe('2001:db8:0:1::');
    expect(f('20010db8000000000001000000000001')).toBe('2001:db8::1:0:0:1');
    expect(f('20010db8000100010001000100010001')).toBe('2001:db8:1:1:1:1:1:1');
  });

  it('parses back to the same bytes', () => {
    fc.assert(fc.property(address, (b) => {
      expect(ipv6Bytes(formatIpv6(b, 0), 'test')).toEqual(b);
    }), { numRuns: 2000 });
  });
});

describe('other text forms', () => {
  it('prints IPv4, UUID and MAC in their usual forms and parses them back', () => {
    const b = Buffer.from('ac1001160123456789abcdef0011223344556677', 'hex');
    expect(formatIpv4(b, 0)).toBe('172.16.1.22');
    expect(formatUuid(b, 4)).toBe('01234567-89ab-cdef-0011-223344556677');
    expect(uuidBytes('01234567-89ab-cdef-0011-223344556677', 't')).toEqual(b.subarray(4));
    expect(formatMac(b, 4)).toBe('01:23:45:67:89:ab');
    expect(macBytes('01:23:45:67:89:ab', 't')).toEqual(b.subarray(4, 10));
  });

  it('parses UUIDs back in either case, and refuses malformed ones', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (raw) => {
      const b = Buffer.from(raw);
      expect(uuidBytes(formatUuid(b, 0), 't')).toEqual(b);
      expect(uuidBytes(formatUuid(b, 0).toUpperCase(), 't')).toEqual(b);
    }), { numRuns: 500 });
    expect(() => uuidBytes('01234567_89ab-cdef-0011-223344556677', 'w.id')).toThrow(
      'w.id: not a UUID: "01234567_89ab-cdef-0011-223344556677"');
  });

  it('accepts exactly the dotted quads that Node accepts as IPv4', () => {
    for (const text of ['0.0.0.0', '255.255.255.255', '1.2.3', '1.2.3.4.5', '01.2.3.4',
      '256.1.1.1', '1..2.3', '', '1.2.3.4 ', 'a.b.c.d', '1.2.3.04', '10.5.61.220']) {
      let accepted = true;
      try {
        ipv4Bytes(text, 't');
      } catch {
        accepted = false;
      }
      expect(accepted, text).toBe(isIPv4(text));
    }
  });

  it('drops the NUL padding the guide allows at the end of text only', () => {
    expect(formatText(Buffer.from('hi\0\0'), 0, 4)).toBe('hi');
    expect(formatText(Buffer.from('\0hi'), 0, 3)).toBe('\0hi');
  });

  it('reads uint64 exactly: a number up to 2^53 - 1, a bigint above', () => {
    const v = (hex: string) => {
      const b = Buffer.from(hex, 'hex');
      return readUint64(new DataView(b.buffer, b.byteOffset, 8), 0);
    };
    expect(v('001fffffffffffff')).toBe(2 ** 53 - 1);
    expect(v('0020000000000000')).toBe(2n ** 53n);
    expect(v('ffffffffffffffff')).toBe(2n ** 64n - 1n);
  });
});
