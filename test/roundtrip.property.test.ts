import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LAYOUT_FIELDS, RECORD_LAYOUTS } from '../generated/layouts.js';
import { BLOCK_TYPES, MESSAGE_TYPES, RECORD_TYPES } from '../generated/registry.js';
import type { EStreamerRecord } from '../generated/types.js';
import type { FieldInfo, SeriesId } from '../runtime/codec/info.js';
import {
  decodeMessage, messageBytes, viewOf, type BundleMessage, type DecodeOptions,
  type EStreamerMessage, type EventDataMessage,
} from '../runtime/messages/message.js';

/**
 * Encode -> decode gives the value back, and decode -> encode gives the bytes back, for values
 * drawn by fast-check from the generated layout metadata (independently of runtime/samples).
 */

type Obj = Record<string, unknown>;
type Arb = fc.Arbitrary<unknown>;

const RUNS = 20;
const MAX_LIST_DEPTH = 2;

const INTS: Readonly<Record<string, fc.Arbitrary<number>>> = {
  uint8: fc.integer({ min: 0, max: 0xff }),
  uint16: fc.integer({ min: 0, max: 0xffff }),
  uint32: fc.integer({ min: 0, max: 0xffffffff }),
  int8: fc.integer({ min: -0x80, max: 0x7f }),
  int16: fc.integer({ min: -0x8000, max: 0x7fff }),
  int32: fc.integer({ min: -0x80000000, max: 0x7fffffff }),
};

/** A number while exact, a bigint above 2^53 - 1, as the decoder returns it. */
const uint64 = fc.oneof(
  fc.maxSafeNat(),
  fc.bigInt(2n ** 53n, 2n ** 64n - 1n),
  fc.constantFrom(2 ** 53 - 1, 2n ** 53n, 2n ** 64n - 1n),
);

const bytes = (min: number, max: number) => fc.uint8Array({ minLength: min, maxLength: max })
  .map((b) => Buffer.from(b).toString('hex'));

const hexOf = (b: Uint8Array) => Buffer.from(b).toString('hex');

const ipv4 = fc.tuple(...Array.from({ length: 4 }, () => fc.integer({ min: 0, max: 255 })))
  .map((o) => o.join('.'));

/** RFC 5952 text from an independent printer: the WHATWG URL serializer of IPv6 hosts. */
function ipv6Text(groups: number[]): string {
  const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  const [g6, g7] = [groups[6]!, groups[7]!];
  if (mapped) return [g6 >> 8, g6 & 255, g7 >> 8, g7 & 255].join('.');
  return new URL(`http://[${groups.map((g) => g.toString(16)).join(':')}]/`).hostname.slice(1, -1);
}

/** Zero groups are common so that `::` runs of every length and place occur. */
const ipv6 = fc.oneof(ipv4, fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffff })),
  { minLength: 8, maxLength: 8 }).map(ipv6Text));

const uuid = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => hexOf(b)
  .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5'));

const mac = fc.uint8Array({ minLength: 6, maxLength: 6 })
  .map((b) => hexOf(b).match(/../g)!.join(':'));

/** Any Unicode text; the decoder drops trailing NULs, so the text must not end in one. */
const text = (maxBytes: number) => fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('', 'é', '日本', 'Vulnerable'))
  .filter((s) => !s.endsWith('\0') && Buffer.byteLength(s) <= maxBytes);

function blockInfo(name: string) {
  const info = BLOCK_TYPES.find((b) => b.name === name);
  if (!info) throw new Error(`no block ${name}`);
  return info;
}

/** Blocks a field may hold; primitives have no layout fields to draw from. */
function choices(f: FieldInfo, series: SeriesId | undefined): string[] {
  const names = f.blocks === 'any'
    ? BLOCK_TYPES.filter((b) => series === undefined || b.series === series).map((b) => b.name)
    : [...(f.blocks ?? [])];
  return names.filter((n) => (LAYOUT_FIELDS[n]?.length ?? 0) > 0);
}

function blockArb(name: string, depth: number): fc.Arbitrary<Obj> {
  const info = blockInfo(name);
  return layoutArb(name, info.series, depth + 1).map((v) => ({ blockType: info.type, ...v }));
}

function choiceArb(f: FieldInfo, series: SeriesId | undefined, depth: number): Arb {
  return fc.oneof(...choices(f, series).map((n) => blockArb(n, depth)));
}

function fieldArb(f: FieldInfo, series: SeriesId | undefined, depth: number): Arb {
  const int = INTS[f.type];
  if (int) return int;
  switch (f.type) {
    case 'uint64': return uint64;
    case 'ipv4': return ipv4;
    case 'ipv6': return ipv6;
    case 'uuid': return uuid;
    case 'mac': return mac;
    case 'bytes': return f.size === undefined ? bytes(0, 40) : bytes(f.size, f.size);
    case 'string': return text(f.size ?? 200);
    case 'string-block': return text(200);
    case 'blob-block': return bytes(0, 40);
    case 'block': return choiceArb(f, series, depth);
    case 'list': case 'generic-list':
      return depth > MAX_LIST_DEPTH ? fc.constant([])
        : fc.array(choiceArb(f, series, depth), { maxLength: 3 });
    case 'struct': return layoutArb(f.struct!, series, depth);
    case 'array': return fc.array(layoutArb(f.struct!, series, depth), { maxLength: 4 });
    default: throw new Error(`no arbitrary for field type ${f.type}`);
  }
}

/** The decoded object of a layout: every field but the length and count holders. */
function layoutArb(name: string, series: SeriesId | undefined, depth = 0): fc.Arbitrary<Obj> {
  const fields = LAYOUT_FIELDS[name];
  if (!fields) throw new Error(`no layout ${name}`);
  const model: Record<string, Arb> = {};
  for (const f of fields) if (!f.holds) model[f.key] = fieldArb(f, series, depth);
  return fc.record(model, { noNullPrototype: true });
}

const recordPairs: Array<[number, number | undefined]> = RECORD_TYPES.flatMap(
  (r): Array<[number, number | undefined]> =>
    r.blocks.length === 0 ? [[r.type, undefined]] : r.blocks.map((b) => [r.type, b]));

function bodyArb(type: number, block: number | undefined): fc.Arbitrary<Obj> {
  const layout = RECORD_LAYOUTS.find((r) => r.type === type)!;
  const body = layout.layout ? layoutArb(layout.layout, undefined)
    : blockArb(layout.payload.find((n) => blockInfo(n).type === block)!, 0);
  if (!layout.header) return body;
  const key = layout.header[0]!.toLowerCase() + layout.header.slice(1);
  return fc.tuple(layoutArb(layout.header, undefined), body).map(([h, b]) => ({ [key]: h, ...b }));
}

/** A record as the decoder returns it, but with Record Length 0: the encoder computes it. */
function recordArb(type: number, block: number | undefined, archival: boolean):
  fc.Arbitrary<EStreamerRecord> {
  const name = RECORD_TYPES.find((r) => r.type === type)!.name;
  const netmapId = fc.option(fc.integer({ min: 1, max: 0x7fff }), { nil: undefined });
  const word = archival ? INTS.uint32! : fc.constant(undefined);
  return fc.tuple(netmapId, word, word, bodyArb(type, block)).map(([n, at, res, body]) => ({
    recordType: type, recordName: name, netmapId: n, recordLength: 0, archiveTimestamp: at,
    reserved: res, ...body,
  }) as unknown as EStreamerRecord);
}

function eventData(record: EStreamerRecord): EventDataMessage {
  return { messageType: 4, messageName: 'Event Data', record };
}

/** The record with the Record Length its encoding has: what follows the record header. */
function withLength(record: EStreamerRecord, archival: boolean): EStreamerRecord {
  const size = messageBytes(eventData(record)).length - 8 - (archival ? 16 : 8);
  return { ...record, recordLength: size };
}

/** Encodes `msg`, decodes it, and checks both directions of the round trip. */
function roundTrip(msg: EStreamerMessage, expected: EStreamerMessage, opts: DecodeOptions):
  Buffer {
  const wire = messageBytes(msg);
  const decoded = decodeMessage(viewOf(wire), wire, 0, wire.length, opts);
  expect(decoded).toStrictEqual(expected);
  expect(messageBytes(decoded).equals(wire)).toBe(true);
  return wire;
}

describe('records round-trip', () => {
  const cases = recordPairs.flatMap(([t, b]) => [true, false].map((a) => [t, b, a] as const));

  it.each(cases)('record %i block %s, archival %s', (type, block, archival) => {
    fc.assert(fc.property(recordArb(type, block, archival), (rec) => {
      const expected = eventData(withLength(rec, archival));
      roundTrip(eventData(rec), expected, { archival });
      roundTrip(eventData(rec), expected, { archival: 'auto' });
    }), { numRuns: RUNS });
  });
});

function layoutOfMessage(name: string): string {
  return `${name.split(/[^A-Za-z0-9]+/).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('')
  }Message`;
}

describe('plain-field messages round-trip', () => {
  const plain = MESSAGE_TYPES.filter((m) => m.body === undefined);

  it.each(plain.map((m) => [m.type, m.name] as const))('message %i (%s)', (type, name) => {
    const arb = layoutArb(layoutOfMessage(name), undefined)
      .map((f) => ({ messageType: type, messageName: name, ...f }) as unknown as EStreamerMessage);
    fc.assert(fc.property(arb, (msg) => { roundTrip(msg, msg, {}); }), { numRuns: RUNS * 2 });
  });
});

describe('message bundles round-trip', () => {
  const anyRecord = (archival: boolean) =>
    fc.oneof(...recordPairs.map(([t, b]) => recordArb(t, b, archival)));

  it.each([true, false])('bundle of event data messages, archival %s', (archival) => {
    const arb = fc.record({
      connectionId: INTS.uint32!, sequenceNumber: INTS.uint32!,
      records: fc.array(anyRecord(archival), { minLength: 2, maxLength: 5 }),
    });
    fc.assert(fc.property(arb, ({ connectionId, sequenceNumber, records }) => {
      const bundle = (recs: EStreamerRecord[]): BundleMessage => ({
        messageType: 4002, messageName: 'Message Bundle', connectionId, sequenceNumber,
        messages: recs.map(eventData),
      });
      const expected = records.map((r) => withLength(r, archival));
      const wire = roundTrip(bundle(records), bundle(expected), { archival });
      const itemBytes = expected.reduce((n, r) => n + 8 + (archival ? 16 : 8) + r.recordLength, 0);
      expect(wire.length).toBe(8 + 8 + itemBytes);
      expect([wire.readUInt32BE(8), wire.readUInt32BE(12)]).toEqual([connectionId,
        sequenceNumber]);
    }), { numRuns: RUNS });
  });
});

describe('edge values', () => {
  const base = (type: number, block: number, archival: boolean) =>
    fc.sample(recordArb(type, block, archival), { numRuns: 1, seed: 7 })[0]!;
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };

  it('keeps uint64 values exact on both sides of 2^53', () => {
    const rec = { ...base(71, 168, true), initiatorTransmittedPackets: 2 ** 53 - 1,
      responderTransmittedPackets: 2n ** 53n, initiatorTransmittedBytes: 2n ** 64n - 1n,
      responderTransmittedBytes: 2n ** 53n + 1n } as EStreamerRecord;
    const wire = roundTrip(eventData(rec), eventData(withLength(rec, true)), { archival: true });
    // Message and archival record headers, discovery event header, then the block's offsets.
    const at = 8 + 16 + 56 + 189;
    expect([0, 8, 16, 24].map((d) => wire.readBigUInt64BE(at + d)))
      .toEqual([2n ** 53n - 1n, 2n ** 53n, 2n ** 64n - 1n, 2n ** 53n + 1n]);
  });

  it('writes UTF-8 text and an empty list as the blocks the guide describes', () => {
    const rec = { ...base(95, 167, false), userName: '山田太郎', domain: 'café',
      description: '', vpnSessions: [] } as EStreamerRecord;
    const wire = roundTrip(eventData(rec), eventData(withLength(rec, false)), { archival: false });
    const name = Buffer.from('山田太郎');
    expect(name.length).toBe(12);
    expect(wire.includes(Buffer.concat([u32(0), u32(8 + 12), name]))).toBe(true);
    expect(wire.includes(Buffer.concat([u32(0), u32(8), u32(11), u32(8)]))).toBe(true);
  });
});
