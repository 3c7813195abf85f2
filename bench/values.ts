import type { Rng } from '../runtime/samples/random.js';

/**
 * Field values with the mix the perf anchors measured (shared/perf/ANCHORS.md): 70 % of IPs
 * IPv4-mapped, UUIDs from small pools, strings mostly empty and otherwise about 28 bytes with
 * about 2 % non-ASCII or JSON-escaped characters. Every value is given in the text form the
 * encoders parse, so the bytes on the wire are what a sensor would send.
 */

export function ipv4(rng: Rng): string {
  return `${rng.int(1, 223)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
}

/** Global-unicast-like groups with a zero run now and then, so `::` compression is exercised. */
function ipv6Groups(rng: Rng): string {
  const groups = [0x2001, 0x0db8];
  const zeroFrom = rng.chance(0.5) ? rng.int(2, 6) : 8;
  const zeroTo = zeroFrom + rng.int(1, 3);
  for (let g = 2; g < 8; g++) {
    groups.push(g >= zeroFrom && g < zeroTo ? 0 : rng.int(1, 0xffff));
  }
  return groups.map((g) => g.toString(16)).join(':');
}

/** 70 % IPv4 (a dotted quad encodes as IPv4-mapped), the rest native IPv6. */
export function ip(rng: Rng): string {
  return rng.chance(0.7) ? ipv4(rng) : ipv6Groups(rng);
}

/** Fields such as the original client or location address are unset (`::`) most of the time. */
export function mostlyUnsetIp(rng: Rng): string {
  return rng.chance(0.9) ? '::' : ip(rng);
}

export function hex(rng: Rng, bytes: number): string {
  let out = '';
  for (let i = 0; i < bytes; i++) out += rng.int(0, 255).toString(16).padStart(2, '0');
  return out;
}

export function uuid(rng: Rng): string {
  const h = hex(rng, 16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function uuidPool(rng: Rng, size: number): readonly string[] {
  return Array.from({ length: size }, () => uuid(rng));
}

const ASCII = 'abcdefghijklmnopqrstuvwxyz0123456789-./_ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** Characters that leave JSON.stringify's ASCII fast path: multi-byte UTF-8 or escapes. */
const AWKWARD = ['é', 'ü', '日本', '"', '\\', 'ñ'];

/** Empty with probability `pEmpty`, else 1-55 characters (about 28 on average). */
export function text(rng: Rng, pEmpty: number): string {
  if (rng.chance(pEmpty)) return '';
  const length = rng.int(1, 55);
  let out = '';
  for (let i = 0; i < length; i++) out += ASCII[rng.int(0, ASCII.length - 1)];
  if (!rng.chance(0.02)) return out;
  const at = rng.int(0, out.length);
  return out.slice(0, at) + rng.pick(AWKWARD) + out.slice(at);
}

/** A counter below 2^53, as the anchors assume (larger ones would decode to bigint). */
export function counter(rng: Rng): number {
  return rng.uint32() * rng.int(0, 1000) + rng.int(0, 999);
}
