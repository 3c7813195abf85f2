import { isIPv4 } from 'node:net';
import { LAYOUT_FIELDS, RECORD_LAYOUTS } from '../../generated/layouts.js';
import { RECORD_TYPES } from '../../generated/registry.js';
import type { EStreamerRecord } from '../../generated/types.js';
import type { RecordLayoutInfo } from '../codec/info.js';
import { BLOCK_BY_NAME, RECORD_INFO } from '../codec/lookup.js';
import { Writer } from '../codec/writer.js';
import { encodeRecord } from '../messages/record.js';
import type { Rng } from './random.js';
import { blockValue, ipv6, layoutValue, type ValueContext } from './values.js';

/** Event times of samples cluster around this unless told otherwise (2024-01-01T00:00:00Z). */
export const DEFAULT_NOW = 1_704_067_200;

export interface SampleOptions {
  /** Adds the archival header (request flag bit 23) with this timestamp and reserved 0. */
  archiveTimestamp?: number;
  /** Unix seconds that the record's times cluster around; DEFAULT_NOW by default. */
  now?: number;
  /**
   * Values that replace the random ones, by field key, wherever the key occurs: in the record
   * body and in its header struct. A key that occurs in neither is an error.
   */
  set?: Readonly<Record<string, unknown>>;
}

/** The Record Length the encoder writes for `rec`: the bytes after the record header. */
export function encodedRecordLength(rec: EStreamerRecord): number {
  const w = new Writer(512);
  encodeRecord(w, rec);
  return w.bytes().readUInt32BE(4);
}

function layoutOf(recordType: number): RecordLayoutInfo {
  const layout = RECORD_LAYOUTS.find((r) => r.type === recordType);
  if (!layout) throw new Error(`no layout for record type ${recordType}`);
  return layout;
}

/** The payload block name for `blockType`; numbers repeat across series, names do not. */
function payloadName(layout: RecordLayoutInfo, blockType: number | undefined): string {
  const name = layout.payload.find((n) => BLOCK_BY_NAME.get(n)?.type === blockType);
  if (!name) throw new Error(`record ${layout.type} carries no block type ${blockType}`);
  return name;
}

function headerKey(struct: string): string {
  return struct[0]!.toLowerCase() + struct.slice(1);
}

function applySet(rec: Record<string, unknown>, header: string | undefined,
  set: Readonly<Record<string, unknown>>): void {
  const nested = header ? rec[headerKey(header)] as Record<string, unknown> : undefined;
  for (const [key, value] of Object.entries(set)) {
    const inBody = key in rec;
    const inHeader = nested !== undefined && key in nested;
    if (!inBody && !inHeader) throw new Error(`record ${rec.recordType} has no field ${key}`);
    if (inBody) rec[key] = value;
    if (inHeader) nested[key] = value;
  }
}

/**
 * One record of `recordType` (with payload block `blockType`, for records that carry one),
 * shaped exactly as the generated decoder returns it, Record Length included.
 */
export function sampleRecord(
  recordType: number, blockType: number | undefined, rng: Rng, opts: SampleOptions = {},
): EStreamerRecord {
  const info = RECORD_INFO.get(recordType);
  if (!info) throw new Error(`no record type ${recordType}`);
  const layout = layoutOf(recordType);
  const ctx: ValueContext = { rng, now: opts.now ?? DEFAULT_NOW, depth: 0 };
  const archival = opts.archiveTimestamp !== undefined;
  const rec: Record<string, unknown> = {
    recordType, recordName: info.name, netmapId: undefined, recordLength: 0,
    archiveTimestamp: opts.archiveTimestamp, reserved: archival ? 0 : undefined,
  };
  if (layout.header) rec[headerKey(layout.header)] = layoutValue(layout.header, ctx);
  if (layout.layout) {
    if (blockType !== undefined) throw new Error(`record ${recordType} carries no block`);
    Object.assign(rec, layoutValue(layout.layout, ctx));
  } else {
    Object.assign(rec, blockValue(payloadName(layout, blockType), ctx));
  }
  if (opts.set) applySet(rec, layout.header, opts.set);
  const record = rec as unknown as EStreamerRecord;
  record.recordLength = encodedRecordLength(record);
  return record;
}

/** Every (record type, payload block type) pair the registry knows; undefined: no block. */
export function recordPairs(): Array<[number, number | undefined]> {
  return RECORD_TYPES.flatMap((r): Array<[number, number | undefined]> =>
    r.blocks.length === 0 ? [[r.type, undefined]] : r.blocks.map((b) => [r.type, b]));
}

const INTRUSION_EVENT = 400;
const PACKET = 2;
const IMPACT_ALERT = 9;
const IMPACT_ALERT_IPV4_BLOCK = 20;
const CONNECTION_STATISTICS = 71;
const USER_LOGIN = 95;
const USER_LOGIN_62_BLOCK = 167;
const PRIORITY = 4;
const RULE_MESSAGE = 66;
const CLASSIFICATION = 67;

interface Rule {
  generatorId: number;
  ruleId: number;
  ruleRevision: number;
  classificationId: number;
  priorityId: number;
  message: string;
}

/** Rules the sample intrusion events fire; 119:4 with class 1 and priority 3 as in the guide. */
const RULES: readonly Rule[] = [
  { generatorId: 119, ruleId: 4, ruleRevision: 1, classificationId: 1, priorityId: 3,
    message: '(http_inspect) BARE BYTE UNICODE ENCODING' },
  { generatorId: 1, ruleId: 25018, ruleRevision: 3, classificationId: 35, priorityId: 1,
    message: 'MALWARE-CNC Win.Trojan.Zeus variant outbound connection' },
  { generatorId: 1, ruleId: 1394, ruleRevision: 17, classificationId: 17, priorityId: 1,
    message: 'INDICATOR-SHELLCODE x86 inc ecx NOOP' },
  { generatorId: 1, ruleId: 1122, ruleRevision: 21, classificationId: 12, priorityId: 2,
    message: 'SERVER-WEBAPP /etc/passwd file access attempt' },
  { generatorId: 1, ruleId: 30887, ruleRevision: 2, classificationId: 4, priorityId: 3,
    message: 'APP-DETECT DNS request for potential malware SafeGuard to domain 360.cn' },
];

const CLASSIFICATIONS: Readonly<Record<number, readonly [string, string]>> = {
  1: ['not-suspicious', 'Not Suspicious Traffic'],
  4: ['misc-activity', 'Misc activity'],
  12: ['attempted-recon', 'Attempted Information Leak'],
  17: ['shellcode-detect', 'Executable code was detected'],
  35: ['trojan-activity', 'A Network Trojan was Detected'],
};

const PRIORITIES: Readonly<Record<number, string>> = { 1: 'high', 2: 'medium', 3: 'low' };

/** What the packet and impact alert after an intrusion event refer back to. */
interface Incident {
  deviceId: number;
  eventId: number;
  eventSecond: number;
  sourceIp: string;
  destinationIp: string;
}

/** The metadata records a rule's event refers to, each the first time it is referred to. */
function* metadataFor(rule: Rule, sent: Set<string>, rng: Rng, base: SampleOptions):
  Generator<EStreamerRecord> {
  const [name, description] = CLASSIFICATIONS[rule.classificationId]!;
  const wanted: Array<[string, number, Record<string, unknown>]> = [
    [`p${rule.priorityId}`, PRIORITY,
      { priorityId: rule.priorityId, priorityName: PRIORITIES[rule.priorityId] }],
    [`c${rule.classificationId}`, CLASSIFICATION,
      { classificationId: rule.classificationId, name, description }],
    [`r${rule.generatorId}:${rule.ruleId}`, RULE_MESSAGE,
      { generatorId: rule.generatorId, ruleId: rule.ruleId, ruleRevision: rule.ruleRevision,
        renderedSignatureId: rule.ruleId, message: rule.message }],
  ];
  for (const [id, type, set] of wanted) {
    if (sent.has(id)) continue;
    sent.add(id);
    yield sampleRecord(type, undefined, rng, { ...base, set });
  }
}

/**
 * Time fields, the discovery event type and subtype of the record, and for packets and impact
 * alerts the intrusion event they belong to.
 */
function followUp(type: number, blockType: number | undefined, clock: number, rng: Rng,
  incident: Incident | undefined): Record<string, unknown> {
  if (type === PACKET && incident) {
    const { deviceId, eventId, eventSecond } = incident;
    return { deviceId, eventId, eventSecond, packetSecond: eventSecond };
  }
  if (type === IMPACT_ALERT && incident) {
    const { sourceIp, destinationIp, ...ids } = incident;
    const v4 = isIPv4(sourceIp) && isIPv4(destinationIp);
    return blockType === IMPACT_ALERT_IPV4_BLOCK && !v4 ? ids
      : { ...ids, sourceIp, destinationIp };
  }
  const info = RECORD_INFO.get(type);
  // The discovery event type and subtype the guide gives the record (New Host: 1000/1); 5.3.1+
  // leaves Legacy IP Address empty, the address travels in the IPv6 field.
  const event = info?.discovery ? { eventType: info.discovery.event,
    eventSubtype: info.discovery.subtype, legacyIpAddress: '0.0.0.0' } : {};
  if (type === USER_LOGIN) {
    // VPN session details belong to VPN login events (records 170/171); a plain login has none.
    const vpn = blockType === USER_LOGIN_62_BLOCK ? { vpnSessions: [] } : {};
    return { eventSecond: clock, timestamp: clock, ...event, ...vpn };
  }
  if (type === CONNECTION_STATISTICS) {
    return { eventSecond: clock, lastPacketTimestamp: clock, ...event,
      deviceId: rng.int(1, 8), firstPacketTimestamp: clock - rng.int(0, 300) };
  }
  // Records with an event time of their own get the stream's clock; metadata has none.
  return hasField(type, blockType, 'eventSecond') ? { eventSecond: clock, ...event } : event;
}

/** Whether the record (with that payload block) has `key` in its body or header struct. */
function hasField(recordType: number, blockType: number | undefined, key: string): boolean {
  const layout = layoutOf(recordType);
  const names = [layout.header, layout.layout,
    blockType === undefined ? undefined : payloadName(layout, blockType)];
  return names.some((n) => n !== undefined && LAYOUT_FIELDS[n]?.some((f) => f.key === key));
}

/** Event pairs with intrusion events first, so that packets and alerts can follow them. */
function eventPairs(): Array<[number, number | undefined]> {
  const first = [INTRUSION_EVENT, PACKET, IMPACT_ALERT];
  const rank = (t: number) => (first.includes(t) ? first.indexOf(t) : first.length);
  return recordPairs().filter(([t]) => ![PRIORITY, RULE_MESSAGE, CLASSIFICATION].includes(t))
    .sort(([a], [b]) => rank(a) - rank(b));
}

export interface StreamOptions {
  /** Archival timestamp of the first record; later ones increase. None: no archival header. */
  archiveTimestamp?: number;
  /** Unix second the events start at; DEFAULT_NOW by default. */
  now?: number;
}

/**
 * An endless, coherent mix of records: every (record type, block type) pair in turn, event
 * seconds and archival timestamps increasing, and each intrusion event preceded by the
 * priority, classification and rule message records its IDs refer to (once per ID).
 */
export function* sampleStream(rng: Rng, opts: StreamOptions = {}): Generator<EStreamerRecord> {
  const pairs = eventPairs();
  const sent = new Set<string>();
  const start = opts.now ?? DEFAULT_NOW;
  let clock = start;
  let eventId = rng.int(1000, 90_000);
  let incident: Incident | undefined;
  for (let i = 0; ; i++, clock += rng.int(1, 3)) {
    const base: SampleOptions = { now: clock, archiveTimestamp:
      opts.archiveTimestamp === undefined ? undefined : opts.archiveTimestamp + clock - start };
    const [type, blockType] = pairs[i % pairs.length]!;
    if (type !== INTRUSION_EVENT) {
      yield sampleRecord(type, blockType, rng,
        { ...base, set: followUp(type, blockType, clock, rng, incident) });
      continue;
    }
    const rule = rng.pick(RULES);
    yield* metadataFor(rule, sent, rng, base);
    const { generatorId, ruleId, ruleRevision, classificationId, priorityId } = rule;
    incident = { deviceId: rng.int(1, 8), eventId: ++eventId, eventSecond: clock,
      sourceIp: ipv6(rng), destinationIp: ipv6(rng) };
    yield sampleRecord(type, blockType, rng, { ...base, set: {
      ...incident, generatorId, ruleId, ruleRevision, classificationId, priorityId } });
  }
}

/** The first `count` records of sampleStream. */
export function sampleRecords(count: number, rng: Rng, opts: StreamOptions = {}):
  EStreamerRecord[] {
  const stream = sampleStream(rng, opts);
  return Array.from({ length: count }, (): EStreamerRecord => stream.next().value);
}
