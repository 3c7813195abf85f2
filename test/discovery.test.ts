import { describe, expect, it } from 'vitest';
import type { EStreamerRecord } from '../generated/types.js';
import { decodeMessage, messageBytes, viewOf } from '../runtime/messages/message.js';
import { Rng } from '../runtime/samples/random.js';
import { sampleRecord } from '../runtime/samples/records.js';

/** The 56-byte discovery event header that every record below starts with. */
const HEADER = 56;

/**
 * A sample of `type` (with payload block `block`) with the given body values, checked to
 * decode back to itself.
 */
function record(type: number, block?: number, set: Record<string, unknown> = {}):
  EStreamerRecord {
  const rec = sampleRecord(type, block, new Rng(type), { set });
  const msg = { messageType: 4, messageName: 'Event Data', record: rec } as const;
  const wire = messageBytes(msg);
  expect(decodeMessage(viewOf(wire), wire, 0, wire.length)).toStrictEqual(msg);
  return rec;
}

describe('discovery records (schemas/records/discovery*.yaml)', () => {
  it('carry nothing after the header for host timeout, reuse, delete and drop events', () => {
    for (const type of [19, 20, 21, 44]) expect(record(type).recordLength).toBe(HEADER);
  });

  it('carry bare integers for protocols, hops, ports, address and host type (eNcore)', () => {
    // 13: uint16 network protocol, 14: uint8 transport protocol (not a Protocol block).
    expect(record(13).recordLength).toBe(HEADER + 2);
    expect(record(14).recordLength).toBe(HEADER + 1);
    expect(record(22).recordLength).toBe(HEADER + 1);
    for (const type of [23, 24, 25, 26]) expect(record(type).recordLength).toBe(HEADER + 2);
    expect(record(29).recordLength).toBe(HEADER + 16);
    expect(record(31).recordLength).toBe(HEADER + 4);
  });

  it('carry fixed-size blocks of the guide and eNcore sizes', () => {
    expect(record(18, 53).recordLength).toBe(HEADER + 28); // Operating System
    expect(record(53, 53).recordLength).toBe(HEADER + 28);
    expect(record(27, 95).recordLength).toBe(HEADER + 20); // Host MAC Address
    expect(record(34, 14).recordLength).toBe(HEADER + 12); // VLAN
    expect(record(102, 94).recordLength).toBe(HEADER + 40); // Identity Data
  });

  it('reads an application protocol after the client application ID (eNcore, Perl)', () => {
    // Hits, Last Used, ID, Application Protocol ID, Version, Generic List = 8 + 16 + 8 + 8.
    const clientApplication = { hits: 3, lastUsed: 1_700_000_000, applicationId: 638,
      applicationProtocolId: 676, version: '', webApplications: [] };
    for (const type of [15, 35, 107]) {
      expect(record(type, 122, clientApplication).recordLength).toBe(HEADER + 40);
    }
  });

  it('keeps the Type word of the User Vulnerability Change block (eNcore, Perl)', () => {
    const change = { sourceId: 1, sourceType: 1, type: 0, vulnerabilities: [] };
    // Block header 8, Source ID, Source Type, Type 12, empty Generic List 8.
    expect(record(80, 80, change).recordLength).toBe(HEADER + 8 + 12 + 8);
  });

  it('spread their payload block beside the header', () => {
    const rec = record(11, 103) as EStreamerRecord & Record<string, unknown>;
    expect(rec.recordName).toBe('New TCP Server');
    expect(rec.blockType).toBe(103);
    expect(Object.keys(rec)).toEqual(expect.arrayContaining(['discoveryEventHeader', 'port',
      'hits', 'lastUsed', 'serverInformation', 'confidence']));
  });
});
