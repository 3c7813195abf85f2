import { isIPv4 } from 'node:net';
import { describe, expect, it } from 'vitest';
import { RECORD_TYPES } from '../generated/registry.js';
import type { EStreamerRecord } from '../generated/types.js';
import { decodeMessage, messageBytes, viewOf } from '../runtime/messages/message.js';
import { guideExamples } from '../runtime/samples/guide-examples.js';
import { Rng } from '../runtime/samples/random.js';
import { sampleRecord, sampleRecords } from '../runtime/samples/records.js';

type Loose = EStreamerRecord & Record<string, unknown>;

const pairKey = (r: EStreamerRecord) => `${r.recordType}/${'blockType' in r ? r.blockType : '-'}`;

/** Encodes the record as an Event Data message, checks it decodes to itself; the wire bytes. */
function roundTrip(rec: EStreamerRecord): Buffer {
  const msg = { messageType: 4, messageName: 'Event Data', record: rec } as const;
  const wire = messageBytes(msg);
  const archival = rec.archiveTimestamp !== undefined;
  expect(decodeMessage(viewOf(wire), wire, 0, wire.length, { archival })).toStrictEqual(msg);
  return wire;
}

describe('random', () => {
  it('repeats its sequence for a seed and stays in range', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const draws = Array.from({ length: 200 }, () => a.int(-3, 3));
    expect(draws).toEqual(Array.from({ length: 200 }, () => b.int(-3, 3)));
    expect(new Set(draws)).toEqual(new Set([-3, -2, -1, 0, 1, 2, 3]));
    expect(new Rng(43).int(0, 2 ** 32 - 1)).not.toBe(new Rng(42).int(0, 2 ** 32 - 1));
  });
});

describe('sampleRecords', () => {
  // Enough for one pass over every (record type, block type) pair and the metadata records
  // the intrusion events among them bring along.
  const records = sampleRecords(200, new Rng(1), { archiveTimestamp: 1_700_000_100,
    now: 1_700_000_000 });
  const by = (type: number) => records.filter((r) => r.recordType === type) as Loose[];

  it('covers every (record type, block type) pair of the registry', () => {
    const pairs = RECORD_TYPES.flatMap((r) => (r.blocks.length === 0 ? [`${r.type}/-`]
      : r.blocks.map((b) => `${r.type}/${b}`)));
    expect(new Set(records.map(pairKey))).toEqual(new Set(pairs));
    expect(records).toHaveLength(200);
  });

  it('encodes and decodes each sample back to itself', () => {
    for (const rec of records) roundTrip(rec);
    for (const rec of sampleRecords(30, new Rng(2))) {
      expect(rec.archiveTimestamp).toBeUndefined();
      roundTrip(rec);
    }
  });

  it('is reproducible from its seed', () => {
    expect(sampleRecords(25, new Rng(9))).toStrictEqual(sampleRecords(25, new Rng(9)));
    expect(sampleRecords(25, new Rng(9))).not.toStrictEqual(sampleRecords(25, new Rng(10)));
  });

  it('increases archive timestamps and intrusion event seconds', () => {
    const stamps = records.map((r) => r.archiveTimestamp!);
    expect(stamps[0]).toBe(1_700_000_100);
    stamps.slice(1).forEach((t, i) => expect(t).toBeGreaterThanOrEqual(stamps[i]!));
    expect(records[0]).toMatchObject({ recordType: 4, reserved: 0 });
    const seconds = by(400).map((r) => r.eventSecond as number);
    expect(seconds[0]).toBe(1_700_000_000);
    seconds.slice(1).forEach((t, i) => expect(t).toBeGreaterThan(seconds[i]!));
  });

  it('sends the metadata an intrusion event refers to before it', () => {
    for (const ev of by(400)) {
      const before = records.slice(0, records.indexOf(ev)) as Loose[];
      expect(before.some((r) => r.recordType === 4 && r.priorityId === ev.priorityId)).toBe(true);
      expect(before.some((r) => r.recordType === 67 && r.classificationId === ev.classificationId))
        .toBe(true);
      expect(before.some((r) => r.recordType === 66 && r.generatorId === ev.generatorId
        && r.ruleId === ev.ruleId)).toBe(true);
    }
    expect(new Set(by(4).map((r) => r.priorityId)).size).toBe(by(4).length);
  });

  it('gives discovery headers the event type and subtype of their record', () => {
    const headers = records.map((r) => [r.recordType, (r as Loose).discoveryEventHeader] as const)
      .filter(([, h]) => h !== undefined) as Array<readonly [number, Loose]>;
    const pairs = new Set(headers.map(([t, h]) => `${t}:${h.eventType}/${h.eventSubtype}`));
    for (const pair of ['10:1000/1', '11:1000/2', '71:1003/1', '73:1003/2', '74:1002/16',
      '94:1004/1', '95:1004/2']) expect(pairs).toContain(pair);
    for (const [t, h] of headers) {
      const d = RECORD_TYPES.find((r) => r.type === t)!.discovery;
      if (d) expect([t, h.eventType, h.eventSubtype]).toEqual([t, d.event, d.subtype]);
    }
  });

  it('ties packets and impact alerts to the intrusion event before them', () => {
    for (const rec of [...by(2), ...by(9)]) {
      const ev = records.slice(0, records.indexOf(rec)).filter((r) => r.recordType === 400)
        .at(-1) as Loose;
      expect([rec.deviceId, rec.eventId, rec.eventSecond])
        .toEqual([ev.deviceId, ev.eventId, ev.eventSecond]);
    }
  });
});

describe('sampleRecord', () => {
  const many = (type: number, block: number, n: number) =>
    Array.from({ length: n }, (_, i) => sampleRecord(type, block, new Rng(i)) as Loose);

  it('draws uint64 counters above 2^53 as exact bigints, and numbers below', () => {
    const counters = many(71, 168, 40).flatMap((r) => [r.initiatorTransmittedBytes,
      r.responderTransmittedBytes, r.initiatorTransmittedPackets]);
    const big = counters.filter((c) => typeof c === 'bigint') as bigint[];
    expect(big.length).toBeGreaterThan(0);
    expect(big.every((c) => c > 2n ** 53n - 1n && c < 2n ** 64n)).toBe(true);
    const small = counters.filter((c) => typeof c === 'number') as number[];
    expect(small.every((c) => Number.isSafeInteger(c) && c >= 0)).toBe(true);
  });

  it('prints IPv6 fields mostly as mapped dotted quads, else in RFC 5952 form', () => {
    const addrs = many(400, 60, 60).flatMap((r) => [r.sourceIp, r.destinationIp] as string[]);
    const quads = addrs.filter((a) => isIPv4(a)).length;
    expect(quads / addrs.length).toBeGreaterThan(0.5);
    expect(quads).toBeLessThan(addrs.length);
    for (const a of addrs.filter((x) => !isIPv4(x))) {
      expect(new URL(`http://[${a}]/`).hostname).toBe(`[${a}]`);
    }
  });

  it('includes UTF-8 and empty text among string blocks', () => {
    const names = many(95, 167, 80).map((r) => r.userName as string);
    expect(names).toContain('');
    expect(names.some((n) => Buffer.byteLength(n) > n.length)).toBe(true);
  });

  it('refuses a block type the record does not carry, and unknown field keys', () => {
    expect(() => sampleRecord(400, 20, new Rng(1))).toThrow(/no block type 20/);
    expect(() => sampleRecord(4, undefined, new Rng(1), { set: { nope: 1 } }))
      .toThrow(/no field nope/);
  });
});

describe('guide examples', () => {
  const examples = guideExamples();
  const find = (type: number, block?: number) => examples.map((e) => e.record as Loose)
    .find((r) => r.recordType === type && r.blockType === block)!;

  it.each(examples.map((e) => [e.title, e.record] as const))('%s decodes to itself', (_, rec) => {
    roundTrip(rec);
  });

  it('carry the values the guide states', () => {
    expect(find(400, 45)).toMatchObject({ deviceId: 5, eventId: 65580, eventSecond: 1404317489,
      eventMicrosecond: 46542, ruleId: 4, generatorId: 119, ruleRevision: 1,
      classificationId: 1, priorityId: 3, sourceIp: '10.5.61.220', destinationIp: '10.5.56.133' });
    expect(find(9, 20)).toMatchObject({ eventId: 201256, deviceId: 2, eventSecond: 1087223700,
      impact: 1, sourceIp: '172.16.1.22', destinationIp: '0.0.0.0', description: 'Vulnerable' });
    expect(find(2)).toMatchObject({ deviceId: 3, eventId: 195430, packetSecond: 1057259380,
      packetMicrosecond: 254365, linkType: 1 });
    expect(find(67)).toMatchObject({ classificationId: 35, name: 'trojan-activity' });
    expect(find(4)).toMatchObject({ priorityId: 1, priorityName: 'high' });
    expect(find(95, 127)).toMatchObject({ archiveTimestamp: 1395686441, reserved: 0,
      discoveryEventHeader: expect.objectContaining({ deviceId: 3 }) });
    expect(find(400, 41)).toMatchObject({ archiveTimestamp: 1391628700, eventId: 11761,
      eventMicrosecond: 950840 });
  });

  // [record length, message length]. Where the guide contradicts itself the consistent value is
  // used: the impact alert's message length 54 cannot hold an 8-byte record header and 50 bytes,
  // and the priority record's lengths (8, 16) leave out 2 of its 10 body bytes.
  const lengths: ReadonlyArray<readonly [number, number | undefined, number, number]> = [
    [400, 45, 278, 294], [400, 41, 222, 238], [9, 20, 50, 58], [2, undefined, 981, 989],
    [67, undefined, 84, 92], [4, undefined, 10, 18], [66, undefined, 121, 129],
    [95, 127, 137, 153],
  ];

  it.each(lengths)('record %i block %s encodes to %i record and %i message bytes',
    (type, block, recordLength, messageLength) => {
      const rec = find(type, block);
      const wire = roundTrip(rec);
      expect(rec.recordLength).toBe(recordLength);
      expect(wire.readUInt32BE(4)).toBe(messageLength);
      expect(wire.length).toBe(8 + messageLength);
    });

  it('has the rule message text at its stated 71 bytes', () => {
    expect(Buffer.byteLength(find(66).message as string)).toBe(71);
  });
});
