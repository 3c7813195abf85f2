import type { IntrusionEvent6xRecord } from '../generated/types.js';

/**
 * The reference: a decoder for exactly one layout (record 400 with an archival record header
 * and an Intrusion Event 6.x block 60), written as a careful engineer would write it by hand:
 * DataView reads at constant offsets, one object literal, and text built from lookup tables by
 * concatenation. It must produce the same keys and values as the generated decoder.
 */

const HEX2: readonly string[] = Array.from({ length: 256 }, (_, i) =>
  i.toString(16).padStart(2, '0'));

const RECORD_HEADER = 16;
const BLOCK_60_SIZE = 282;

function uuid(b: Buffer, o: number): string {
  return HEX2[b[o]!]! + HEX2[b[o + 1]!]! + HEX2[b[o + 2]!]! + HEX2[b[o + 3]!]! + '-' +
    HEX2[b[o + 4]!]! + HEX2[b[o + 5]!]! + '-' + HEX2[b[o + 6]!]! + HEX2[b[o + 7]!]! + '-' +
    HEX2[b[o + 8]!]! + HEX2[b[o + 9]!]! + '-' + HEX2[b[o + 10]!]! + HEX2[b[o + 11]!]! +
    HEX2[b[o + 12]!]! + HEX2[b[o + 13]!]! + HEX2[b[o + 14]!]! + HEX2[b[o + 15]!]!;
}

/** RFC 5952: longest run (of two or more) of zero groups as `::`, IPv4-mapped as a quad. */
function ipv6(v: DataView, b: Buffer, o: number): string {
  if (v.getUint32(o) === 0 && v.getUint32(o + 4) === 0 && v.getUint32(o + 8) === 0xffff) {
    return b[o + 12] + '.' + b[o + 13] + '.' + b[o + 14] + '.' + b[o + 15];
  }
  let best = -1;
  let bestLen = 1;
  for (let g = 0, run = 0; g < 8; g++) {
    run = v.getUint16(o + 2 * g) === 0 ? run + 1 : 0;
    if (run > bestLen) {
      bestLen = run;
      best = g - run + 1;
    }
  }
  let s = '';
  for (let g = 0; g < 8; g++) {
    if (g === best) {
      s += g === 0 ? '::' : ':';
      g += bestLen - 1;
      continue;
    }
    s += v.getUint16(o + 2 * g).toString(16);
    if (g < 7) s += ':';
  }
  return s;
}

/** Decodes the record whose (archival) record header starts at `o`; `end` bounds it. */
export function decodeIntrusion(v: DataView, b: Buffer, o: number, end: number):
  IntrusionEvent6xRecord {
  const word = v.getUint32(o);
  const p = o + RECORD_HEADER;
  if ((word & 0xffff) !== 400 || v.getUint32(p) !== 60 || p + BLOCK_60_SIZE > end) {
    throw new Error(`not a whole record 400 / block 60 at byte ${o}`);
  }
  return {
    recordType: 400, recordName: 'Intrusion Event',
    netmapId: word >>> 16 === 0 ? undefined : word >>> 16,
    recordLength: v.getUint32(o + 4), archiveTimestamp: v.getUint32(o + 8),
    reserved: v.getUint32(o + 12), blockType: 60,
    deviceId: v.getUint32(p + 8), eventId: v.getUint32(p + 12),
    eventSecond: v.getUint32(p + 16), eventMicrosecond: v.getUint32(p + 20),
    ruleId: v.getUint32(p + 24), generatorId: v.getUint32(p + 28),
    ruleRevision: v.getUint32(p + 32), classificationId: v.getUint32(p + 36),
    priorityId: v.getUint32(p + 40),
    sourceIp: ipv6(v, b, p + 44), destinationIp: ipv6(v, b, p + 60),
    sourcePortOrIcmpType: v.getUint16(p + 76), destinationPortOrIcmpCode: v.getUint16(p + 78),
    ipProtocol: b[p + 80]!, impactFlags: b[p + 81]!, impact: b[p + 82]!, blocked: b[p + 83]!,
    mplsLabel: v.getUint32(p + 84), vlanId: v.getUint16(p + 88), pad: v.getUint16(p + 90),
    policyUuid: uuid(b, p + 92),
    userId: v.getUint32(p + 108), webApplicationId: v.getUint32(p + 112),
    clientApplicationId: v.getUint32(p + 116), applicationProtocolId: v.getUint32(p + 120),
    accessControlRuleId: v.getUint32(p + 124),
    accessControlPolicyUuid: uuid(b, p + 128),
    ingressInterfaceUuid: uuid(b, p + 144), egressInterfaceUuid: uuid(b, p + 160),
    ingressSecurityZoneUuid: uuid(b, p + 176), egressSecurityZoneUuid: uuid(b, p + 192),
    connectionTimestamp: v.getUint32(p + 208), connectionInstanceId: v.getUint16(p + 212),
    connectionCounter: v.getUint16(p + 214), sourceCountry: v.getUint16(p + 216),
    destinationCountry: v.getUint16(p + 218), iocNumber: v.getUint16(p + 220),
    securityContext: uuid(b, p + 222),
    sslCertificateFingerprint: b.toString('hex', p + 238, p + 258),
    sslActualAction: v.getUint16(p + 258), sslFlowStatus: v.getUint16(p + 260),
    networkAnalysisPolicyUuid: uuid(b, p + 262), httpResponse: v.getUint32(p + 278),
  };
}
