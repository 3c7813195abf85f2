import { describe, expect, it } from 'vitest';
import type { EStreamerRecord } from '../generated/types.js';
import { decodeMessage, messageBytes, viewOf } from '../runtime/messages/message.js';

// Metadata layouts pinned byte by byte, written by hand from the sources cited in
// schemas/records/metadata*.yaml, where the sources disagree or the widths are easy to get
// wrong. Each case is an Event Data message without archival words.

const u8 = (n: number) => Buffer.from([n]);
const u16 = (n: number) => { const b = Buffer.alloc(2); b.writeUInt16BE(n); return b; };
const u32 = (n: number) => { const b = Buffer.alloc(4); b.writeUInt32BE(n); return b; };
const text = (s: string) => Buffer.from(s, 'utf8');
const UUID = '0123456789abcdeffedcba9876543210';
const uuid = () => Buffer.from(UUID, 'hex');
const uuidText = '01234567-89ab-cdef-fedc-ba9876543210';

/** A String block (type 0 in both series): header, then the text. */
const stringBlock = (s: string) => Buffer.concat([u32(0), u32(8 + Buffer.byteLength(s)), text(s)]);
/** A series 2 block: type, length counting the 8-byte header, body. */
const block = (type: number, ...body: Buffer[]) => {
  const b = Buffer.concat(body);
  return Buffer.concat([u32(type), u32(8 + b.length), b]);
};
/** Message header (version 1, type 4), record header, record body. */
const eventData = (recordType: number, ...body: Buffer[]) => {
  const b = Buffer.concat(body);
  return Buffer.concat([u16(1), u16(4), u32(8 + b.length), u32(recordType), u32(b.length), b]);
};

function decode(wire: Buffer): EStreamerRecord & Record<string, unknown> {
  const msg = decodeMessage(viewOf(wire), wire, 0, wire.length, { archival: false });
  expect(msg.messageType).toBe(4);
  const rec = (msg as { record: EStreamerRecord }).record;
  // The encoder writes the same bytes back.
  expect(messageBytes({ messageType: 4, messageName: 'Event Data', record: rec })).toEqual(wire);
  return rec as EStreamerRecord & Record<string, unknown>;
}

describe('metadata record layouts', () => {
  it('ID-length-name records use a uint32 name length (record 4 uses uint16)', () => {
    const rec = decode(eventData(58, u32(3), u32(4), text('High')));
    expect(rec).toMatchObject({ recordType: 58, recordLength: 12, criticalityId: 3,
      name: 'High' });
    expect(decode(eventData(123, u32(7), u32(5), text('ftd-1')))).toMatchObject({
      deviceId: 7, name: 'ftd-1' });
  });

  it('correlation policy (69) uses uint16 lengths, as the table says', () => {
    const rec = decode(eventData(69, u32(2), u16(3), text('pol'), u16(4), text('desc'),
      uuid(), uuid()));
    expect(rec).toMatchObject({ correlationPolicyId: 2, name: 'pol', description: 'desc',
      uuid: uuidText, revisionUuid: uuidText });
  });

  it('vulnerability (57) has two uint8 flags among uint32 lengths and ends with Solution', () => {
    const strings = ['2004-01-01', '2004-01-02', '2004-01-03', 'T', 'S', 'D', 'TD', 'fix'];
    const body = [u32(1001), u32(4), u8(1), u8(0),
      ...strings.flatMap((s) => [u32(s.length), text(s)])];
    expect(decode(eventData(57, ...body))).toMatchObject({ vulnerabilityId: 1001, impact: 4,
      exploits: 1, remote: 0, entryDate: '2004-01-01', solution: 'fix' });
  });

  it('records 115-118 carry one UUID String Mapping block (series 2, 14)', () => {
    const rec = decode(eventData(115, block(14, uuid(), stringBlock('inside'))));
    expect(rec).toMatchObject({ recordName: 'Security Zone Name', recordLength: 8 + 16 + 8 + 6,
      blockType: 14, uuid: uuidText, name: 'inside' });
  });

  it('file policy name (530) has a block header before the UUID, as eNcore reads it', () => {
    // eNcore says the guide's diagram and text leave the header out; servers send it.
    const rec = decode(eventData(530, block(14, uuid(), stringBlock('Default File Policy'))));
    expect(rec).toMatchObject({ blockType: 14, uuid: uuidText, name: 'Default File Policy' });
  });

  it('SSL policy name (600) and SSL rule ID (601) have no block header', () => {
    expect(decode(eventData(600, uuid(), stringBlock('ssl')))).toMatchObject({
      recordLength: 16 + 8 + 3, uuid: uuidText, name: 'ssl' });
    expect(decode(eventData(601, uuid(), u32(268435461), stringBlock('Decrypt')))).toMatchObject(
      { revision: uuidText, ruleId: 268435461, name: 'Decrypt' });
  });

  it('access control rule ID (119): revision, rule ID, name in block 15', () => {
    expect(decode(eventData(119, block(15, uuid(), u32(268435456), stringBlock('Allow web')))))
      .toMatchObject({ blockType: 15, revision: uuidText, ruleId: 268435456,
        name: 'Allow web' });
  });

  it('geolocation (520) and ICMP code (270) put the String block right after uint16s', () => {
    expect(decode(eventData(520, block(28, u16(840), stringBlock('United States')))))
      .toMatchObject({ recordLength: 8 + 2 + 8 + 13, countryCode: 840,
        countryName: 'United States' });
    expect(decode(eventData(270, block(20, u16(1), u16(3), u16(1), stringBlock('Host')))))
      .toMatchObject({ icmpCode: 1, icmpType: 3, protocol: 1, description: 'Host' });
  });

  it('access control policy rule reason (124) is block 59 with a uint32 reason', () => {
    expect(decode(eventData(124, block(59, u32(2), stringBlock('IP Block')))))
      .toMatchObject({ blockType: 59, reason: 2, description: 'IP Block' });
  });

  it('third party scanner vulnerability (106) reads the BugTraq ID by its own length', () => {
    const rec = decode(eventData(106, u32(9), u32(2), u32(1), text('t'), u32(1), text('d'),
      u32(13), text('CVE-2014-0160'), u32(5), text('66690')));
    expect(rec).toMatchObject({ scannerType: 2, cveId: 'CVE-2014-0160', bugTraqId: '66690' });
  });
});
