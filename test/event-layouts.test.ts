import { describe, expect, it } from 'vitest';
import {
  decodeConnectionChunk511, decodeEventExtraDataMetadata, decodeFileEventShaHash53,
  decodeUserInformation50,
} from '../generated/decoders.js';
import { decodeMessage, viewOf, type EventDataMessage } from '../runtime/messages/message.js';

/**
 * The file, malware, correlation and extra data layouts, pinned with bytes written field by
 * field from the tables the schemas cite (the guide's where it has the block, else eNcore's
 * definitions). The round-trip tests only prove that the encoder and decoder agree; these tie
 * the widths and order to the sources, above all where the sources could be read two ways.
 */

/** Big-endian bytes, written in table order. */
class Bytes {
  private readonly parts: Buffer[] = [];

  u8(n: number): this { return this.push(Buffer.from([n])); }

  u16(n: number): this {
    const b = Buffer.alloc(2);
    b.writeUInt16BE(n);
    return this.push(b);
  }

  u32(n: number): this {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return this.push(b);
  }

  u64(n: number): this {
    const b = Buffer.alloc(8);
    b.writeBigUInt64BE(BigInt(n));
    return this.push(b);
  }

  /** `size` bytes, each `fill`. */
  raw(size: number, fill: number): this { return this.push(Buffer.alloc(size, fill)); }

  /** An IPv4-mapped IPv6 address, as the 16-byte address fields carry IPv4. */
  mapped(a: number, b: number, c: number, d: number): this {
    return this.raw(10, 0).raw(2, 0xff).u8(a).u8(b).u8(c).u8(d);
  }

  /** A String block (type 0 in both series) whose length counts its 8-byte header. */
  text(s: string): this { return this.u32(0).u32(8 + s.length).push(Buffer.from(s)); }

  /** A series 2 BLOB block (type 1). */
  blob(data: Buffer): this { return this.u32(1).u32(8 + data.length).push(data); }

  /** Bytes built elsewhere, as they are. */
  append(b: Buffer): this { return this.push(b); }

  bytes(): Buffer { return Buffer.concat(this.parts); }

  private push(b: Buffer): this {
    this.parts.push(b);
    return this;
  }
}

/** A block: type and length (header included), then the body. */
function block(type: number, body: Bytes): Buffer {
  const b = body.bytes();
  return Buffer.concat([new Bytes().u32(type).u32(8 + b.length).bytes(), b]);
}

/** An Event Data message (version 1, type 4) holding one record without archival header. */
function eventData(recordType: number, body: Buffer): Buffer {
  const head = new Bytes().u16(1).u16(4).u32(8 + body.length).u32(recordType).u32(body.length);
  return Buffer.concat([head.bytes(), body]);
}

/** The record an Event Data message decodes to, as a plain object. */
function record(msg: Buffer): Record<string, unknown> {
  const decoded = decodeMessage(viewOf(msg), msg, 0, msg.length) as EventDataMessage;
  expect(decoded.messageType).toBe(4);
  return decoded.record as unknown as Record<string, unknown>;
}

function decodeBlock<T>(b: Buffer, decode: (v: DataView, b: Buffer, o: number, e: number) => T):
  Record<string, unknown> {
  return decode(viewOf(b), b, 0, b.length) as unknown as Record<string, unknown>;
}

describe('intrusion event extra data (record 110, series 2 blocks 4 and 5)', () => {
  it('reads device, event, second and type, then the BLOB', () => {
    const body = block(4, new Bytes().u32(3).u32(195430).u32(1057259378).u32(2)
      .blob(Buffer.from([0x20, 0x01, 0x0d, 0xb8])));
    expect(body.length).toBe(32 + 4);
    expect(record(eventData(110, body))).toMatchObject({
      recordType: 110, recordLength: 36, blockType: 4, deviceId: 3, eventId: 195430,
      eventSecond: 1057259378, type: 2, extraData: '20010db8',
    });
  });

  it('reads the metadata block: type, then name and encoding String blocks', () => {
    const b = block(5, new Bytes().u32(2).text('XFF client (IPv6)').text('ipv6'));
    expect(b.length).toBe(28 + 17 + 4);
    expect(decodeBlock(b, decodeEventExtraDataMetadata)).toEqual({
      blockType: 5, type: 2, name: 'XFF client (IPv6)', encoding: 'ipv6',
    });
  });
});

describe('file event (record 500, series 2 block 56, eNcore layout)', () => {
  const body = block(56, new Bytes()
    .u32(7).u16(1).u16(42).u32(1700000000).u32(1700000005)
    .mapped(10, 0, 0, 1).mapped(10, 0, 0, 2)
    // Disposition, SPERO, storage, analysis, local analysis, archive status, threat, action.
    .u8(3).u8(1).u8(2).u8(4).u8(5).u8(6).u8(77).u8(9)
    .raw(32, 0xab).u32(0x01020304).text('a.exe').u64(123456).u8(1)
    .u32(676).u32(99).text('/a.exe').text('ab'.repeat(32))
    .u16(80).u16(51000).u8(6).raw(16, 0x11).u16(840).u16(276).u32(1190).u32(638)
    .raw(16, 0x22).raw(20, 0x33).u16(1).u16(2)
    .text('').text('a.zip').u8(1).u32(200));

  it('has a fixed part of 235 bytes', () => {
    expect(body.length).toBe(235 + 'a.exe'.length + '/a.exe'.length + 64 + 'a.zip'.length);
  });

  it('reads every field in eNcore order and width', () => {
    expect(record(eventData(500, body))).toMatchObject({
      blockType: 56, deviceId: 7, connectionInstance: 1, connectionCounter: 42,
      connectionTimestamp: 1700000000, eventSecond: 1700000005,
      sourceIp: '10.0.0.1', destinationIp: '10.0.0.2',
      disposition: 3, speroDisposition: 1, fileStorageStatus: 2, fileAnalysisStatus: 4,
      localMalwareAnalysisStatus: 5, archiveFileStatus: 6, threatScore: 77, action: 9,
      shaHash: 'ab'.repeat(32), fileTypeId: 0x01020304, fileName: 'a.exe', fileSize: 123456,
      direction: 1, applicationId: 676, userId: 99, uri: '/a.exe', signature: 'ab'.repeat(32),
      sourcePort: 80, destinationPort: 51000, protocol: 6,
      accessControlPolicyUuid: '11111111-1111-1111-1111-111111111111',
      sourceCountry: 840, destinationCountry: 276, webApplicationId: 1190,
      clientApplicationId: 638, securityContext: '22222222-2222-2222-2222-222222222222',
      sslCertificateFingerprint: '33'.repeat(20), sslActualAction: 1, sslFlowStatus: 2,
      archiveSha: '', archiveName: 'a.zip', archiveDepth: 1, httpResponse: 200,
    });
  });
});

describe('file event SHA hash (series 2 block 40)', () => {
  it('reads the binary SHA-256, the name and the two trailing bytes', () => {
    const b = block(40, new Bytes().raw(32, 0x5a).text('eicar.com').u8(3).u8(1));
    expect(b.length).toBe(50 + 9);
    expect(decodeBlock(b, decodeFileEventShaHash53)).toEqual({
      blockType: 40, shaHash: '5a'.repeat(32), fileName: 'eicar.com', disposition: 3,
      userDefined: 1,
    });
  });
});

describe('malware event (record 125, series 2 block 62, eNcore layout)', () => {
  const body = block(62, new Bytes()
    .raw(16, 0x01).raw(16, 0x02).u32(1700000000)
    // Event Subtype ID and (below) File Type: uint32 in eNcore, uint8 in the 5.1.x tables.
    .u32(1107296256).u32(0x01000002).u8(4)
    .text('W32.Eicar').text('alice').text('eicar.com').text('C:\\tmp').text('ff'.repeat(32))
    .u32(68).u32(0x00000105).u32(1699990000)
    .text('explorer.exe').text('ee'.repeat(32)).text('quarantined')
    .u32(5).u16(2).u16(17).u32(1699999990).u8(2)
    .mapped(192, 168, 1, 5).mapped(8, 8, 8, 8).u32(676).u32(12).raw(16, 0x03)
    .u8(3).u8(1).text('http://x/e').u16(51000).u16(80).u16(840).u16(0)
    .u32(1190).u32(638).u8(2).u8(6).u8(90).u16(4)
    .raw(16, 0x04).raw(20, 0x05).u16(3).u16(4).text('').text('').u8(0).u32(404));

  it('has a fixed part of 290 bytes and eleven String blocks', () => {
    const text = 'W32.Eicar'.length + 'alice'.length + 'eicar.com'.length + 'C:\\tmp'.length
      + 64 + 'explorer.exe'.length + 64 + 'quarantined'.length + 'http://x/e'.length;
    expect(body.length).toBe(290 + text);
  });

  it('reads every field in eNcore order and width', () => {
    expect(record(eventData(125, body))).toMatchObject({
      blockType: 62, agentUuid: '01010101-0101-0101-0101-010101010101',
      cloudUuid: '02020202-0202-0202-0202-020202020202', eventSecond: 1700000000,
      eventTypeId: 1107296256, eventSubtypeId: 0x01000002, detectorId: 4,
      detectionName: 'W32.Eicar', user: 'alice', fileName: 'eicar.com', filePath: 'C:\\tmp',
      fileShaHash: 'ff'.repeat(32), fileSize: 68, fileType: 0x105, fileTimestamp: 1699990000,
      parentFileName: 'explorer.exe', parentFileShaHash: 'ee'.repeat(32),
      eventDescription: 'quarantined', deviceId: 5, connectionInstance: 2,
      connectionCounter: 17, connectionEventTimestamp: 1699999990, direction: 2,
      sourceIp: '192.168.1.5', destinationIp: '8.8.8.8', applicationId: 676, userId: 12,
      disposition: 3, retrospectiveDisposition: 1, uri: 'http://x/e', sourcePort: 51000,
      destinationPort: 80, sourceCountry: 840, destinationCountry: 0, webApplicationId: 1190,
      clientApplicationId: 638, action: 2, protocol: 6, threatScore: 90, iocNumber: 4,
      securityContext: '04040404-0404-0404-0404-040404040404',
      sslCertificateFingerprint: '05'.repeat(20),
      sslActualAction: 3, sslFlowStatus: 4, archiveSha: '', archiveName: '', archiveDepth: 0,
      httpResponse: 404,
    });
  });
});

describe('correlation event (record 112, series 1 block 156, eNcore layout)', () => {
  /** One side (source or destination) of the triggering event, in the 5.1+ table's order. */
  const side = (ip: number, port: number) => new Bytes().u32(ip).u8(1).u16(10).raw(16, 0x0c)
    .u16(3).u32(77).u16(port).u32(5).bytes();
  const body = block(156, new Bytes()
    .u32(0).u32(1700000000).u32(10).u32(4).u32(29).u32(1).text('policy hit!')
    .u8(1).u32(6).u32(1394).u32(1).u32(1699999999).u32(123456).u32(65580).u32(0xffffffff)
    .u8(0x07).u8(6).u16(0x0800)
    .append(side(0x0a000001, 51000)).append(side(0x0a000002, 80))
    .u8(1).u8(2).raw(16, 0x0d).u32(3).text('WORKGROUP').u32(12).u32(5).text('http://x')
    .u32(638).text('1.0').raw(16, 0x0e).u32(42)
    .raw(16, 0x10).raw(16, 0x11).raw(16, 0x12).raw(16, 0x13)
    .mapped(10, 0, 0, 1).mapped(10, 0, 0, 2).u16(840).u16(276).raw(16, 0x14)
    .raw(16, 0x15).raw(16, 0x16).u32(8).u32(5).u32(2).raw(20, 0x17));

  it('has a fixed part of 401 bytes and four String blocks', () => {
    const text = 'policy hit!'.length + 'WORKGROUP'.length + 'http://x'.length + '1.0'.length;
    expect(body.length).toBe(401 + text);
  });

  it('reads every field in eNcore order and width', () => {
    expect(record(eventData(112, body))).toMatchObject({
      blockType: 156, deviceId: 0, eventSecond: 1700000000, eventId: 10, policyId: 4,
      ruleId: 29, priority: 1, description: 'policy hit!', eventType: 1, eventDeviceId: 6,
      signatureId: 1394, signatureGeneratorId: 1, triggerEventSecond: 1699999999,
      triggerEventMicrosecond: 123456, deviceEventId: 65580, eventDefinedMask: 0xffffffff,
      eventImpactFlags: 7, ipProtocol: 6, networkProtocol: 0x0800,
      sourceIp: '10.0.0.1', sourceHostType: 1, sourceVlanId: 10, sourceCriticality: 3,
      sourceUserId: 77, sourcePort: 51000, sourceServerId: 5,
      destinationIp: '10.0.0.2', destinationPort: 80, impact: 1, blocked: 2,
      intrusionPolicyUuid: '0d0d0d0d-0d0d-0d0d-0d0d-0d0d0d0d0d0d', ruleAction: 3,
      netbiosDomain: 'WORKGROUP', urlCategory: 12, urlReputation: 5, url: 'http://x',
      clientApplicationId: 638, clientVersion: '1.0', accessControlRuleId: 42,
      sourceIpv6: '10.0.0.1', destinationIpv6: '10.0.0.2', sourceCountry: 840,
      destinationCountry: 276, securityContext: '15151515-1515-1515-1515-151515151515',
      sslPolicyId: '16161616-1616-1616-1616-161616161616',
      sslRuleId: 8, sslActualAction: 5, sslFlowStatus: 2,
      sslCertificateFingerprint: '17'.repeat(20),
    });
  });
});

describe('connection chunk and user information (series 1 blocks 136 and 120, guide)', () => {
  it('reads a 68-byte connection chunk with IPv4 addresses and 64-bit counters', () => {
    const b = block(136, new Bytes().u32(0x0a000001).u32(0x0a000002).u32(1700000000).u32(676)
      .u16(443).u8(6).u8(1).u32(0xc0a80001).u64(10).u64(12).u64(2 ** 40).u64(3000).u32(4));
    expect(b.length).toBe(68);
    expect(decodeBlock(b, decodeConnectionChunk511)).toEqual({
      blockType: 136, initiatorIp: '10.0.0.1', responderIp: '10.0.0.2', startTime: 1700000000,
      applicationProtocol: 676, responderPort: 443, protocol: 6, connectionType: 1,
      netflowDetectorIp: '192.168.0.1', packetsSent: 10, packetsReceived: 12,
      bytesSent: 2 ** 40, bytesReceived: 3000, connections: 4,
    });
  });

  it('reads user ID, username, protocol and five more String blocks', () => {
    const b = block(120, new Bytes().u32(12).text('alice').u32(710).text('Alice').text('Doe')
      .text('a@example.com').text('IT').text('555'));
    expect(b.length).toBe(64 + 5 + 5 + 3 + 13 + 2 + 3);
    expect(decodeBlock(b, decodeUserInformation50)).toEqual({
      blockType: 120, userId: 12, username: 'alice', protocol: 710, firstName: 'Alice',
      lastName: 'Doe', email: 'a@example.com', department: 'IT', phone: '555',
    });
  });
});
