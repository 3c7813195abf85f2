import type { IntrusionEvent6xRecord } from '../generated/types.js';
import { Rng } from '../runtime/samples/random.js';
import { hex, ip, uuidPool } from './values.js';

/** Pools shared by all events, as one sensor under one policy set would send them. */
const pools = new Rng(0x5eed);
const POLICIES = uuidPool(pools, 3);
const INTERFACES = uuidPool(pools, 8);
const ZONES = uuidPool(pools, 4);
const NAP = uuidPool(pools, 2);
const CONTEXTS = [...uuidPool(pools, 1), '00000000-0000-0000-0000-000000000000'];
const NO_CERT = '00'.repeat(20);

export const BASE_SECOND = 1_700_000_000;

/** Intrusion event `i` (record 400, block 6.x / 60) with archival timestamps. */
export function intrusionRecord(rng: Rng, i: number): IntrusionEvent6xRecord {
  const second = BASE_SECOND + (i >> 4);
  return {
    recordType: 400, recordName: 'Intrusion Event', netmapId: undefined, recordLength: 0,
    archiveTimestamp: second, reserved: 0, blockType: 60,
    deviceId: rng.int(1, 4), eventId: i, eventSecond: second,
    eventMicrosecond: rng.int(0, 999_999), ruleId: rng.int(1000, 60000),
    generatorId: rng.pick([1, 1, 1, 3, 119, 120]), ruleRevision: rng.int(1, 20),
    classificationId: rng.int(1, 40), priorityId: rng.int(1, 4),
    sourceIp: ip(rng), destinationIp: ip(rng),
    sourcePortOrIcmpType: rng.int(1024, 65535), destinationPortOrIcmpCode: rng.pick([80, 443, 53]),
    ipProtocol: rng.pick([6, 6, 17, 1]), impactFlags: rng.int(0, 7), impact: rng.int(0, 4),
    blocked: rng.int(0, 2), mplsLabel: 0, vlanId: rng.chance(0.7) ? 0 : rng.int(1, 4094),
    pad: 0, policyUuid: rng.pick(POLICIES), userId: rng.chance(0.6) ? 0 : rng.int(1, 5000),
    webApplicationId: rng.int(0, 3000), clientApplicationId: rng.int(0, 3000),
    applicationProtocolId: rng.int(0, 3000), accessControlRuleId: rng.int(268434432, 268434460),
    accessControlPolicyUuid: rng.pick(POLICIES), ingressInterfaceUuid: rng.pick(INTERFACES),
    egressInterfaceUuid: rng.pick(INTERFACES), ingressSecurityZoneUuid: rng.pick(ZONES),
    egressSecurityZoneUuid: rng.pick(ZONES), connectionTimestamp: second - rng.int(0, 60),
    connectionInstanceId: rng.int(0, 3), connectionCounter: rng.int(0, 65535),
    sourceCountry: rng.int(0, 900), destinationCountry: rng.int(0, 900), iocNumber: 0,
    securityContext: rng.pick(CONTEXTS),
    sslCertificateFingerprint: rng.chance(0.2) ? hex(rng, 20) : NO_CERT,
    sslActualAction: rng.int(0, 8), sslFlowStatus: rng.int(0, 20),
    networkAnalysisPolicyUuid: rng.pick(NAP), httpResponse: rng.pick([0, 0, 200, 404]),
  };
}
