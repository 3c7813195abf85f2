import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LAYOUT_FIELDS, RECORD_LAYOUTS } from '../generated/layouts.js';
import { MESSAGE_TYPES, RECORD_TYPES } from '../generated/registry.js';
import type { EStreamerRecord } from '../generated/types.js';
import { unknownSeen } from '../runtime/codec/blocks.js';
import { DecodeError } from '../runtime/codec/errors.js';
import { MessageFramer } from '../runtime/messages/framer.js';
import {
  messageBytes, type BundleMessage, type EventDataMessage,
} from '../runtime/messages/message.js';
import type { RecordSink } from '../runtime/output/sink.js';
import {
  decodeAll, decodeChunks, expectError, failure, patched, split,
} from './helpers/stream.js';

/**
 * Hostile and broken input through decodeStream and the framer. Valid messages are made by
 * the generated encoders and then damaged, so every offset below can be worked out from the
 * layouts in schemas/.
 */

const HEADER = {
  netmapId: undefined, recordLength: 0, archiveTimestamp: undefined, reserved: undefined,
};

function event(record: EStreamerRecord): EventDataMessage {
  return { messageType: 4, messageName: 'Event Data', record };
}

function priority(priorityId: number, priorityName: string): EventDataMessage {
  return event({
    recordType: 4, recordName: 'Priority', ...HEADER, priorityId, priorityName,
  });
}

/** What decoding priority(id, name) gives back: the lengths filled in. */
function decodedPriority(priorityId: number, priorityName: string): unknown {
  return {
    recordType: 4, recordName: 'Priority', ...HEADER, recordLength: 6 + priorityName.length,
    priorityId, priorityName,
  };
}

/**
 * Impact alert (record 9, block 20), 66 bytes: message header 0, record header 8, block
 * header 16 (length word at 20), fields 24..48, description string block 48 (length at 52).
 */
const IMPACT = messageBytes(event({
  recordType: 9, recordName: 'Intrusion Impact Alert', ...HEADER, blockType: 20,
  eventId: 201256, deviceId: 2, eventSecond: 1087223700, impact: 1, sourceIp: '172.16.1.22',
  destinationIp: '0.0.0.0', description: 'Vulnerable',
}));

/** Packet (record 2): fixed fields at body offsets 0..28, then 5 bytes of packet data. */
const PACKET = messageBytes(event({
  recordType: 2, recordName: 'Packet', ...HEADER, deviceId: 3, eventId: 195430,
  eventSecond: 1057259378, packetSecond: 1057259380, packetMicrosecond: 254365, linkType: 1,
  packetData: '0011223344',
}));

/** Priority 1 'high': 26 bytes (8 header, 8 record header, 4 id, 2 name length, 4 name). */
const HIGH = messageBytes(priority(1, 'high'));

const IMPACT_WHERE = 'record 9 Intrusion Impact Alert, block 20 ImpactAlertLegacy';

function withVersion(b: Buffer, version: number): Buffer {
  const out = Buffer.from(b);
  out.writeUInt16BE(version, 0);
  return out;
}

/** A message header (version 1) stating `length`, followed by `body`. */
function message(type: number, length: number, body: Buffer = Buffer.alloc(0)): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt16BE(1, 0);
  h.writeUInt16BE(type, 2);
  h.writeUInt32BE(length, 4);
  return Buffer.concat([h, body]);
}

/** Event Data with a short record header: record type word, then the body. */
function rawRecord(typeWord: number, body: Buffer): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt32BE(typeWord, 0);
  h.writeUInt32BE(body.length, 4);
  return message(4, 8 + body.length, Buffer.concat([h, body]));
}

describe('truncated input', () => {
  // A good message, then a packet record cut 10 bytes into its body (at stream byte 26 + 26).
  const stream = Buffer.concat([HIGH, PACKET.subarray(0, 26)]);

  it.each([['one chunk', [stream]], ['7-byte chunks', split(stream, 7)]])(
    'names the field, its stream offset and what fit (%s)', async (_, chunks) => {
      const { values, error } = await decodeAll(chunks);
      // Body of the packet record at 26 + 16 = 42; eventSecond at body offset 8.
      expectError(error, 'field eventSecond needs 4 bytes, 2 left', 50,
        'record 2 Packet, field eventSecond');
      expect(error!.partial).toEqual({ recordType: 2, netmapId: undefined, recordLength: 33,
        archiveTimestamp: undefined, reserved: undefined, deviceId: 3, eventId: 195430 });
      expect(values).toEqual([decodedPriority(1, 'high')]);
    });

  it('names the stream offset when the cut falls inside a message header', async () => {
    const { values, error } = await decodeAll([Buffer.concat([HIGH, HIGH.subarray(0, 5)])]);
    expectError(error, 'stream ends inside a message: 5 bytes', 31, 'message');
    expect(values).toEqual([decodedPriority(1, 'high')]);
  });

  it('refuses an unknown record cut short, writing nothing of it', async () => {
    // Record 9999 states 24 bytes; 4 arrive. An unknown record is only raw bytes, so it would
    // decode; the record's own length shows that it is not whole.
    const cut = rawRecord(9999, Buffer.alloc(24, 0xab)).subarray(0, 20);
    const { values, error } = await decodeAll([HIGH, cut]);
    expectError(error, 'record is 20 bytes short of its length', 46, 'record 9999');
    expect(values).toEqual([decodedPriority(1, 'high')]);
  });

  it('names the offset when the cut falls inside a length-prefixed string', async () => {
    const cut = messageBytes(priority(2, 'medium')).subarray(0, 25);
    const err = await failure([HIGH, cut]);
    // The name starts at 26 + 22 = 48; 3 of its 6 bytes arrived.
    expect({ reason: err.reason, offset: err.offset }).toEqual({
      reason: 'needs 6 bytes, 3 left', offset: 48,
    });
    expect(err.where).toBe('record 4 Priority, field priorityName');
    expect(err.partial).toMatchObject({ recordType: 4, priorityId: 2 });
  });
});

describe('block lengths', () => {
  it('refuses a block length that runs past its record', async () => {
    const bad = patched(IMPACT, { 20: 51 });
    const { values, error } = await decodeAll([Buffer.concat([HIGH, bad])]);
    expectError(error, 'block length 51 runs 1 byte past its parent', 42,
      IMPACT_WHERE);
    expect(values).toEqual([decodedPriority(1, 'high')]);
  });

  it('counts the byte numbers inside the reason from the stream start, however chunked',
    async () => {
      // BUG: reasons embed buffer offsets ("ends at byte N"); only err.offset is shifted to
      // the stream. One chunk happens to give stream offsets; a chunk per message does not.
      const bad = patched(IMPACT, { 20: 51 });
      const whole = await failure([Buffer.concat([HIGH, bad])]);
      const perMessage = await failure([HIGH, bad]);
      expect(perMessage.message).toBe(whole.message);
    });

  it('refuses a string block that runs past its block', async () => {
    const err = await failure([patched(IMPACT, { 52: 19 })]);
    expect({ reason: err.reason, offset: err.offset }).toEqual({
      reason: 'block length 19 runs 1 byte past its parent', offset: 48,
    });
    expect(err.where).toBe(`${IMPACT_WHERE}, field description`);
  });

  it('refuses a block length shorter than the block header', async () => {
    const err = await failure([patched(IMPACT, { 20: 7 })]);
    expectError(err, 'block length 7 is shorter than its header', 16, IMPACT_WHERE);
  });

  it('refuses a string block length shorter than the block header', async () => {
    const err = await failure([patched(IMPACT, { 52: 4 })]);
    expect({ reason: err.reason, offset: err.offset }).toEqual({
      reason: 'block length 4 is shorter than its header', offset: 48,
    });
    expect(err.where.startsWith(IMPACT_WHERE)).toBe(true);
  });

  it('refuses a string block of the wrong block type', async () => {
    // 10 is the series 1 BLOB block, where the schema wants a String block (0).
    const err = await failure([patched(IMPACT, { 48: 10 })]);
    expect({ reason: err.reason, offset: err.offset }).toEqual({
      reason: 'expected block type 0, found 10', offset: 48,
    });
    expect(err.where.startsWith(IMPACT_WHERE)).toBe(true);
  });
});

describe('message headers', () => {
  it('refuses header version 2 at the start of the stream', async () => {
    const { values, error } = await decodeAll([withVersion(HIGH, 2)]);
    expectError(error, 'header version 2, expected 1', 0, 'message header');
    expect(values).toEqual([]);
  });

  it.each([['one chunk', 1000], ['3-byte chunks', 3]])(
    'refuses header version 0 at the start of a later message (%s)', async (_, size) => {
      const stream = Buffer.concat([HIGH, withVersion(HIGH, 0)]);
      const { values, error } = await decodeAll(split(stream, size));
      expectError(error, 'header version 0, expected 1', 26, 'message header');
      expect(values).toEqual([decodedPriority(1, 'high')]);
    });

  it('refuses a message longer than the maximum from its 8-byte header alone', async () => {
    const { values, error } = await decodeAll([HIGH, message(4, 1001)],
      { maxMessageLength: 1000 });
    expectError(error, 'message length 1001 exceeds the maximum of 1000', 30, 'message 4');
    expect(values).toEqual([decodedPriority(1, 'high')]);
  });

  it('accepts a header stating exactly the maximum and waits for its body', async () => {
    // The stream then ends: the error is about the missing record, not the length.
    const err = await failure([message(4, 1000)], { maxMessageLength: 1000 });
    expectError(err, 'record header needs 8 bytes, 0 left', 8, 'record header');
  });
});

describe('MessageFramer', () => {
  it('refuses an oversized message once its header is complete, before any body', () => {
    const framer = new MessageFramer(1000);
    framer.push(HIGH);
    expect(framer.next()?.end).toBe(26);
    const header = message(4, 1001);
    framer.push(header.subarray(0, 7));
    expect(framer.next()).toBeUndefined();
    framer.push(header.subarray(7));
    let err: unknown;
    try {
      framer.next();
    } catch (e) {
      err = e;
    }
    expectError(err as DecodeError, 'message length 1001 exceeds the maximum of 1000', 30,
      'message 4');
  });

  it('returns a message split byte by byte once, with its stream offset', () => {
    const framer = new MessageFramer();
    const stream = Buffer.concat([HIGH, IMPACT]);
    const frames: [number, number][] = [];
    for (const piece of split(stream, 1)) {
      framer.push(piece);
      for (let f = framer.next(); f; f = framer.next()) frames.push([f.streamOffset, f.end - f.o]);
    }
    expect(frames).toEqual([[0, 26], [26, 66]]);
    expect(framer.pending).toBe(0);
  });
});

describe('message bundles', () => {
  const bundle = messageBytes({
    messageType: 4002, messageName: 'Message Bundle', connectionId: 7, sequenceNumber: 9,
    messages: [priority(2, 'medium'), priority(3, 'low')],
  } satisfies BundleMessage);

  it('writes the records of every bundled message in order', async () => {
    const { values, error } = await decodeAll([HIGH, bundle]);
    expect(error).toBeUndefined();
    expect(values).toEqual([
      decodedPriority(1, 'high'), decodedPriority(2, 'medium'), decodedPriority(3, 'low'),
    ]);
  });

  it('refuses a bundled message that runs past the bundle', async () => {
    // Bundle body at 8: connection ID, sequence number, then message 1 at 16 (8 + 20 bytes),
    // message 2 at 44 with its length word at 48; the bundle ends at 69.
    expect(bundle.length).toBe(69);
    expect(bundle.readUInt32BE(48)).toBe(6 + 'low'.length + 8);
    const bad = patched(bundle, { 48: 18 });
    const { values, error } = await decodeAll([Buffer.concat([HIGH, bad])]);
    expectError(error, 'bundled message length 18 runs 1 byte past the bundle end', 74,
      'message bundle');
    // Records reach the sink as they are decoded: the bundle's first record, sound, is kept.
    expect(values).toEqual([decodedPriority(1, 'high'), decodedPriority(2, 'medium')]);
  });
});

describe('unknown types', () => {
  it('keeps an unknown record type as raw hex and counts it', async () => {
    const before = unknownSeen.get('record 9999') ?? 0;
    // Netmap ID 5 in the high half of the record type word.
    const body = Buffer.from('deadbeef01020304', 'hex');
    const { values, error } = await decodeAll([rawRecord((5 << 16) | 9999, body), HIGH]);
    expect(error).toBeUndefined();
    expect(values).toEqual([{
      recordType: 9999, recordName: 'Unknown', ...HEADER, netmapId: 5, recordLength: 8,
      unknown: true, raw: 'deadbeef01020304',
    }, decodedPriority(1, 'high')]);
    expect(unknownSeen.get('record 9999')).toBe(before + 1);
  });

  it('keeps an unknown payload block of a known record as raw hex and counts it', async () => {
    const before = unknownSeen.get('record 9 block 77') ?? 0;
    const body = Buffer.from('0000004d000000100102030405060708', 'hex');
    const { values, error } = await decodeAll([rawRecord(9, body)]);
    expect(error).toBeUndefined();
    expect(values).toEqual([{
      recordType: 9, recordName: 'Intrusion Impact Alert', ...HEADER, recordLength: 16,
      blockType: 77, unknown: true, raw: body.toString('hex'),
    }]);
    expect(unknownSeen.get('record 9 block 77')).toBe(before + 1);
  });
});

/** Records what reaches the sink and when it is flushed. */
class RecordingSink implements RecordSink {
  readonly events: unknown[] = [];
  write(value: unknown): void { this.events.push(value); }
  async flush(): Promise<void> { this.events.push('flush'); }
  async close(): Promise<void> { this.events.push('close'); }
}

describe('faults after good records', () => {
  it('writes and flushes every record before the fault, none after it', async () => {
    const stream = Buffer.concat([HIGH, messageBytes(priority(2, 'medium')), IMPACT,
      patched(PACKET, { 12: 1000 }), HIGH]);
    const sink = new RecordingSink();
    const err = await decodeChunks([stream], {}, sink);
    // The packet message starts at 26 + 28 + 66 = 120 and ends at 169; its record length
    // word is at 132.
    expectError(err, 'record length 1000 runs 967 bytes past the end of its message', 132,
      'record 2 Packet');
    expect(sink.events.map((e) => (e === 'flush' ? e : (e as EStreamerRecord).recordType)))
      .toEqual([4, 4, 9, 'flush']);
  });
});

/** Record types with their payload offset and block types, for inputs that reach deep. */
const SHAPES = RECORD_LAYOUTS.map((r) => ({
  type: r.type,
  blockAt: r.header ? LAYOUT_FIELDS[r.header]!.reduce((n, f) => n + (f.size ?? 0), 0) : 0,
  blocks: RECORD_TYPES.find((t) => t.type === r.type)!.blocks,
}));

/** Event Data messages of every known record type, with block headers planted in the body. */
const eventData = fc.record({
  shape: fc.constantFrom(...SHAPES, { type: 9999, blockAt: 0, blocks: [] }),
  archival: fc.boolean(),
  body: fc.uint8Array({ maxLength: 400 }),
  pick: fc.nat(),
  slack: fc.integer({ min: -3, max: 3 }),
}).map(({ shape, archival, body, pick, slack }) => {
  const b = Buffer.from(body);
  const at = shape.blockAt;
  if (shape.blocks.length > 0 && b.length >= at + 8) {
    b.writeUInt32BE(shape.blocks[pick % shape.blocks.length]!, at);
    b.writeUInt32BE(Math.max(0, b.length - at + slack), at + 4);
  }
  const h = Buffer.alloc(archival ? 16 : 8);
  h.writeUInt32BE(shape.type, 0);
  h.writeUInt32BE(b.length, 4);
  return message(4, h.length + b.length, Buffer.concat([h, b]));
});

/**
 * Messages of every known type with random bodies. Streaming requests get a service block
 * header (6667) and bundles a bundled message header, so that decoding gets past the first
 * check.
 */
const anyMessage = fc.record({
  type: fc.constantFrom(...MESSAGE_TYPES.map((m) => m.type)),
  body: fc.uint8Array({ maxLength: 200 }),
  inner: fc.integer({ min: 0, max: 200 }),
}).map(({ type, body, inner }) => {
  const b = Buffer.from(body);
  if ((type === 2049 || type === 2051) && b.length >= 8) {
    b.writeUInt32BE(6667, 0);
    b.writeUInt32BE(Math.min(inner, b.length), 4);
  }
  if (type === 4002 && b.length >= 16) {
    b.writeUInt32BE(0x00000004, 8);
    b.writeUInt32BE(Math.min(inner, b.length - 16), 12);
  }
  return message(type, b.length, b);
});

/** A bundle and a streaming request, for the damaged-stream property. */
const BUNDLE = messageBytes({
  messageType: 4002, messageName: 'Message Bundle', connectionId: 1, sequenceNumber: 2,
  messages: [priority(1, 'high'), event({
    recordType: 2, recordName: 'Packet', ...HEADER, archiveTimestamp: 1391628700, reserved: 0,
    deviceId: 3, eventId: 4, eventSecond: 5, packetSecond: 6, packetMicrosecond: 7,
    linkType: 1, packetData: 'ff',
  })],
});
const STREAMING = messageBytes({
  messageType: 2049, messageName: 'Streaming Request', otherServices: '',
  service: { blockType: 6667, flags: 1 << 23, initialTimestamp: 0,
    streamingEventType: [{ eventVersion: 9, eventType: 12 }, { eventVersion: 7, eventType: 91 }] },
});

/** Good messages with random bytes overwritten and the stream cut at a random point. */
const mutated = fc.record({
  parts: fc.array(fc.constantFrom(HIGH, IMPACT, PACKET, BUNDLE, STREAMING),
    { minLength: 1, maxLength: 4 }),
  hits: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
  cut: fc.nat(),
}).map(({ parts, hits, cut }) => {
  const b = Buffer.concat(parts);
  for (const [at, value] of hits) b[at % b.length] = value;
  return b.subarray(0, b.length - (cut % 4 === 0 ? cut % b.length : 0));
});

/** Decodes `input` in chunks of `size`; any exception but a DecodeError fails the property. */
async function decodesOrRefuses(input: Uint8Array, size: number): Promise<void> {
  const b = Buffer.from(input);
  const err = await decodeChunks(split(b, size), { maxMessageLength: 1 << 16 });
  if (err) {
    expect(err.offset).toBeGreaterThanOrEqual(0);
    expect(err.offset).toBeLessThanOrEqual(b.length);
  }
}

describe('random input', () => {
  const size = fc.integer({ min: 1, max: 64 });

  it.each([
    ['random bytes', fc.uint8Array({ maxLength: 300 })],
    ['random records of every known type', eventData],
    ['random messages of every known type', anyMessage],
    ['damaged and cut good messages', mutated],
  ] as [string, fc.Arbitrary<Uint8Array>][])(
    '%s decode or end in a DecodeError within the input', async (_, input) => {
      await fc.assert(fc.asyncProperty(input, size, decodesOrRefuses), { numRuns: 1500 });
    });
});
