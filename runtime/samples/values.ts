import { LAYOUT_FIELDS } from '../../generated/layouts.js';
import * as registry from '../../generated/registry.js';
import { BLOCK_TYPES, FLAG_ENUMS } from '../../generated/registry.js';
import { formatIpv6 } from '../codec/format.js';
import type { BlockTypeInfo, FieldInfo, SeriesId } from '../codec/info.js';
import { BLOCK_BY_NAME } from '../codec/lookup.js';
import type { Rng } from './random.js';

/**
 * Realistic field values, made from the generated layout metadata: each maker returns the value
 * exactly as the generated decoder would print it, so a sample encodes and decodes to itself.
 */

export interface ValueContext {
  readonly rng: Rng;
  /** Unix seconds that time-like fields cluster around. */
  readonly now: number;
  /** Series of the block being filled; `any` choices pick among its blocks. */
  readonly series?: SeriesId | undefined;
  /** Nesting depth of blocks, which bounds lists that could hold lists. */
  readonly depth: number;
}

const MAX_LIST_DEPTH = 2;

const INT_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  uint8: [0, 0xff], uint16: [0, 0xffff], uint32: [0, 0xffffffff],
  int8: [-0x80, 0x7f], int16: [-0x8000, 0x7fff], int32: [-0x80000000, 0x7fffffff],
};

const COMMON_PORTS = [22, 25, 53, 80, 123, 443, 445, 3389, 8080, 8443];
const COUNTRIES = [0, 76, 156, 250, 276, 392, 643, 826, 840];
const TCP_FLAGS = [0x02, 0x10, 0x11, 0x12, 0x18, 0x04];

type Maker = (ctx: ValueContext) => number;

/** Plausible ranges for integer fields, by key; the first matching pattern wins. */
const INT_HINTS: ReadonlyArray<readonly [RegExp, Maker]> = [
  [/microsecond$/i, ({ rng }) => rng.int(0, 999_999)],
  [/(second|timestamp)$/i, ({ rng, now }) => now - rng.int(0, 3600)],
  [/port/i, ({ rng }) => (rng.chance(0.6) ? rng.pick(COMMON_PORTS) : rng.int(1024, 65535))],
  [/^(ip)?protocol$/i, ({ rng }) => rng.pick([6, 6, 17, 1])],
  [/^deviceId$/, ({ rng }) => rng.int(1, 8)],
  [/^priorityId$/, ({ rng }) => rng.int(1, 3)],
  [/^generatorId$/, ({ rng }) => rng.pick([1, 1, 1, 3, 119, 120])],
  [/revision$/i, ({ rng }) => rng.int(1, 12)],
  [/country/i, ({ rng }) => rng.pick(COUNTRIES)],
  [/^vlanId$/, ({ rng }) => (rng.chance(0.7) ? 0 : rng.int(1, 4094))],
  [/^(pad|reserved.*|mplsLabel)$/i, () => 0],
  // The IPv6 Address field is always on the wire (the guide's diagram, and eNcore's fixed
  // offsets), so samples say it is filled.
  [/^hasIpv6$/, () => 1],
  [/^tcpFlags$/, ({ rng }) => rng.pick(TCP_FLAGS)],
  [/mask$/i, ({ rng }) => rng.pick([0, 8, 16, 24, 32])],
  [/(count|tos|ttl)$/i, ({ rng }) => rng.int(0, 64)],
  [/(id|number)$/i, ({ rng }) => rng.int(0, 5000)],
];

/** The enum tables of the registry, by the name a field's `enumName` gives. */
function enumTable(name: string): Readonly<Record<number, string>> {
  const table = (registry as unknown as Record<string, unknown>)[name];
  if (typeof table !== 'object' || table === null) throw new Error(`no enum ${name}`);
  return table as Readonly<Record<number, string>>;
}

function enumValue(name: string, rng: Rng): number {
  const codes = Object.keys(enumTable(name)).map(Number);
  if (!FLAG_ENUMS.has(name)) return rng.pick(codes);
  let value = 0;
  for (let i = rng.int(0, 3); i > 0; i--) value |= rng.pick(codes);
  return value >>> 0;
}

function integer(f: FieldInfo, ctx: ValueContext): number {
  const [min, max] = INT_RANGES[f.type]!;
  if (f.enumName) return enumValue(f.enumName, ctx.rng);
  const hint = INT_HINTS.find(([re]) => re.test(f.key));
  const hinted = hint?.[1](ctx);
  if (hinted !== undefined && hinted >= min && hinted <= max) return hinted;
  return ctx.rng.chance(0.8) ? ctx.rng.int(Math.max(min, 0), Math.min(max, 1000))
    : ctx.rng.int(min, max);
}

/** Mostly counter-sized numbers; now and then above 2^53, where only a bigint is exact. */
function uint64(rng: Rng): number | bigint {
  if (rng.chance(0.08)) {
    return (BigInt(rng.int(0x200000, 0xffffffff)) << 32n) | BigInt(rng.uint32());
  }
  return rng.int(0, rng.pick([100, 100_000, 4_000_000_000]));
}

function bytesHex(rng: Rng, size: number): string {
  let out = '';
  for (let i = 0; i < size; i++) out += rng.int(0, 255).toString(16).padStart(2, '0');
  return out;
}

function ipv4(rng: Rng): string {
  const octet = () => rng.int(1, 254);
  switch (rng.int(0, 4)) {
    case 0: return `192.168.${rng.int(0, 5)}.${octet()}`;
    case 1: return `172.${rng.int(16, 31)}.${rng.int(0, 255)}.${octet()}`;
    case 2: return `${rng.pick(['198.51.100', '203.0.113', '93.184.216'])}.${octet()}`;
    default: return `10.${rng.int(0, 10)}.${rng.int(0, 255)}.${octet()}`;
  }
}

const V6_PREFIXES: ReadonlyArray<readonly [number, number]> = [
  [0x2001, 0x0db8], [0x2a00, 0x1450], [0xfd12, 0x3456], [0xfe80, 0],
];

/** 70% IPv4-mapped, printed as the dotted quad the decoder prints; else RFC 5952 text. */
export function ipv6(rng: Rng): string {
  if (rng.chance(0.7)) return ipv4(rng);
  const b = Buffer.alloc(16);
  const [g0, g1] = rng.pick(V6_PREFIXES);
  b.writeUInt16BE(g0, 0);
  b.writeUInt16BE(g1, 2);
  for (let g = 2; g < 7; g++) if (rng.chance(0.4)) b.writeUInt16BE(rng.int(1, 0xffff), 2 * g);
  b.writeUInt16BE(rng.int(1, 0xffff), 14);
  return formatIpv6(b, 0);
}

const UUIDS = {
  zone: ['3e0c5a5e-8f6b-11e3-a1f6-d7d2d1c8e001', '4f1d6b6f-8f6b-11e3-a1f6-d7d2d1c8e002'],
  iface: ['a1b2c3d4-0001-11e4-9d6c-3f2a1b0c0a01', 'a1b2c3d4-0002-11e4-9d6c-3f2a1b0c0a02'],
  policy: ['8e2c1f40-2b4a-11e6-b1a4-9c7f3e5d2a10', '0c6a8b9e-77d1-11e7-8f3b-5d2e4c1a9b20'],
  other: ['f47ac10b-58cc-4372-a567-0e02b2c3d479', '00000000-0000-0000-0000-000000000000',
    '6ba7b810-9dad-11d1-80b4-00c04fd430c8'],
};

function uuid(key: string, rng: Rng): string {
  if (/zone/i.test(key)) return rng.pick(UUIDS.zone);
  if (/interface/i.test(key)) return rng.pick(UUIDS.iface);
  if (/polic|revision/i.test(key)) return rng.pick(UUIDS.policy);
  return rng.pick(UUIDS.other);
}

const OUIS = ['00:50:56', '00:1a:2b', 'f4:5c:89', '3c:22:fb', '00:0c:29'];

function mac(rng: Rng): string {
  const tail = bytesHex(rng, 3).match(/../g)!.join(':');
  return `${rng.pick(OUIS)}:${tail}`;
}

const USERS = ['jsmith', 'alice.martin', 'svc-backup', 'rené.dubois', '山田太郎',
  'CORP\\bwayne'];
const EMAILS = ['jsmith@example.com', 'alice.martin@corp.example', 'rené@exemple.fr'];
const URLS = ['http://www.example.com/index.html', 'https://intranet.corp.example/login',
  'http://日本.example.jp/ニュース', 'https://cdn.example.net/js/app.min.js?v=3'];
const HOSTS = ['www.example.com', 'update.example.org', 'café.example.fr', 'WS-0142',
  'mail.corp.example'];
const AGENTS = ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0',
  'curl/8.4.0', 'python-requests/2.31.0', 'Mozilla/5.0 (X11; Linux x86_64; rv:121.0)'];
const MESSAGES = ['MALWARE-CNC Win.Trojan.Zeus variant outbound connection',
  'SERVER-WEBAPP /etc/passwd access attempt', 'POLICY-OTHER remote desktop connection',
  'Vulnerable', 'Détection de trafic suspect', '日本語のメッセージ'];
const WORDS = ['alpha', 'ISE', 'Windows 10', 'AnyConnect 4.10', 'Firefox 121', 'DefaultRAGroup',
  'corp-vpn', 'Linux', 'Chrome', 'SSH', 'münchen', '東京'];

const TEXT_POOLS: ReadonlyArray<readonly [RegExp, readonly string[]]> = [
  [/email/i, EMAILS],
  [/user ?name|^user$/i, USERS],
  [/agent/i, AGENTS],
  [/url|referrer/i, URLS],
  [/host|server ?name|dns|netbios|domain/i, HOSTS],
  [/message|description|text/i, MESSAGES],
];

/** Words for the key's kind of text; about one in ten is empty, as eStreamer often sends. */
function text(key: string, rng: Rng): string {
  if (rng.chance(0.1)) return '';
  const pool = TEXT_POOLS.find(([re]) => re.test(key))?.[1] ?? WORDS;
  return rng.pick(pool);
}

/** ASCII, so that cutting a word to the field never splits a character. */
const ASCII_WORDS = WORDS.filter((w) => /^[\x20-\x7e]+$/.test(w));

/** Text that fits `size` bytes and ends in no NUL, since the decoder drops trailing NULs. */
function fixedText(size: number, rng: Rng): string {
  return rng.pick(ASCII_WORDS).slice(0, size);
}

function blockInfo(name: string): BlockTypeInfo {
  const info = BLOCK_BY_NAME.get(name);
  if (!info) throw new Error(`no block named ${name}`);
  return info;
}

/**
 * The blocks a `block` or `list` field may hold.
 * TODO(layouts): LAYOUT_FIELDS gives a primitive (String, BLOB, List) block no fields and does
 * not say which primitive it is, so `any` never picks one.
 */
function candidates(f: FieldInfo, ctx: ValueContext): string[] {
  const names = f.blocks === 'any'
    ? BLOCK_TYPES.filter((b) => ctx.series === undefined || b.series === ctx.series)
      .map((b) => b.name)
    : [...(f.blocks ?? [])];
  const usable = names.filter((n) => (LAYOUT_FIELDS[n]?.length ?? 0) > 0);
  if (usable.length === 0) throw new Error(`no sample maker for the blocks of ${f.key}`);
  return usable;
}

/** A block as a decoder returns it: its block type, then its fields. */
export function blockValue(name: string, ctx: ValueContext): Record<string, unknown> {
  const info = blockInfo(name);
  const inner = { ...ctx, series: info.series, depth: ctx.depth + 1 };
  return { blockType: info.type, ...layoutValue(name, inner) };
}

function some<T>(rng: Rng, make: () => T): T[] {
  return Array.from({ length: rng.int(0, 3) }, make);
}

export function fieldValue(f: FieldInfo, ctx: ValueContext): unknown {
  const { rng } = ctx;
  switch (f.type) {
    case 'uint8': case 'uint16': case 'uint32': case 'int8': case 'int16': case 'int32':
      return integer(f, ctx);
    case 'uint64': return uint64(rng);
    case 'ipv4': return ipv4(rng);
    case 'ipv6': return ipv6(rng);
    case 'uuid': return uuid(f.key, rng);
    case 'mac': return mac(rng);
    case 'bytes': return bytesHex(rng, f.size ?? rng.int(0, 24));
    case 'string': return f.size === undefined ? text(f.key, rng) : fixedText(f.size, rng);
    case 'string-block': return text(f.key, rng);
    case 'blob-block': return bytesHex(rng, rng.int(0, 16));
    case 'block': return blockValue(rng.pick(candidates(f, ctx)), ctx);
    case 'list': case 'generic-list':
      if (ctx.depth > MAX_LIST_DEPTH) return [];
      return some(rng, () => blockValue(rng.pick(candidates(f, ctx)), ctx));
    case 'struct': return layoutValue(f.struct!, ctx);
    case 'array': return some(rng, () => layoutValue(f.struct!, ctx));
    default: throw new Error(`no sample maker for field type ${f.type} (${f.key})`);
  }
}

/** The decoded fields of a layout; length and count holders are left out, as decoders do. */
export function layoutValue(name: string, ctx: ValueContext): Record<string, unknown> {
  const fields = LAYOUT_FIELDS[name];
  if (!fields) throw new Error(`no layout named ${name}`);
  const out: Record<string, unknown> = {};
  for (const f of fields) if (!f.holds) out[f.key] = fieldValue(f, ctx);
  return out;
}
