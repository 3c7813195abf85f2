import type { ConnectionStatistics62Record, DiscoveryEventHeader } from '../generated/types.js';
import { Rng } from '../runtime/samples/random.js';
import { BASE_SECOND } from './intrusion-sample.js';
import { counter, hex, ip, mostlyUnsetIp, text, uuidPool } from './values.js';

const pools = new Rng(0xc0ffee);
const ZONES = uuidPool(pools, 4);
const INTERFACES = uuidPool(pools, 8);
const POLICIES = uuidPool(pools, 3);
const UNSET_UUID = '00000000-0000-0000-0000-000000000000';

function eventHeader(rng: Rng, second: number): DiscoveryEventHeader {
  return {
    deviceId: rng.int(1, 4), legacyIpAddress: '0.0.0.0', macAddress: '00:00:00:00:00:00',
    hasIpv6: 1, reservedForFutureUse: 0, eventSecond: second,
    eventMicrosecond: rng.int(0, 999_999), eventType: 1003, eventSubtype: 1,
    fileNumber: hex(rng, 4), filePosition: hex(rng, 4), ipv6Address: '::',
  };
}

/** The string blocks; each field has its own share of empty values (40-90 %). */
function strings(rng: Rng) {
  return {
    clientApplicationUrl: text(rng, 0.9), netbiosName: text(rng, 0.9),
    clientApplicationVersion: text(rng, 0.6), referencedHost: text(rng, 0.5),
    userAgent: text(rng, 0.4), httpReferrer: text(rng, 0.7), sslServerName: text(rng, 0.7),
    dnsQuery: text(rng, 0.8),
  };
}

function traffic(rng: Rng) {
  return {
    initiatorTransmittedPackets: counter(rng), responderTransmittedPackets: counter(rng),
    initiatorTransmittedBytes: counter(rng), responderTransmittedBytes: counter(rng),
    initiatorPacketsDropped: 0, responderPacketsDropped: 0, initiatorBytesDropped: 0,
    responderBytesDropped: 0,
  };
}

function ssl(rng: Rng) {
  const tls = rng.chance(0.3);
  return {
    sslCertificateFingerprint: tls ? hex(rng, 20) : '00'.repeat(20),
    sslPolicyId: tls ? rng.pick(POLICIES) : UNSET_UUID, sslRuleId: tls ? rng.int(1, 50) : 0,
    sslCipherSuite: tls ? rng.int(0, 0xc030) : 0, sslVersion: tls ? rng.int(0, 5) : 0,
    sslServerCertificateStatus: 0, sslActualAction: rng.int(0, 8),
    sslExpectedAction: rng.int(0, 8), sslFlowStatus: rng.int(0, 20), sslFlowError: 0,
    sslFlowMessages: 0, sslFlowFlags: tls ? rng.int(0, 7) : 0, sslUrlCategory: 0,
    sslSessionId: tls ? hex(rng, 32) : '00'.repeat(32), sslSessionIdLength: tls ? 32 : 0,
    sslTicketId: '00'.repeat(20), sslTicketIdLength: 0,
  };
}

function monitors(rng: Rng) {
  return {
    monitorRule1: rng.int(0, 10), monitorRule2: 0, monitorRule3: 0, monitorRule4: 0,
    monitorRule5: 0, monitorRule6: 0, monitorRule7: 0, monitorRule8: 0,
  };
}

function flow(rng: Rng, second: number) {
  return {
    deviceId: rng.int(1, 4), ingressZone: rng.pick(ZONES), egressZone: rng.pick(ZONES),
    ingressInterface: rng.pick(INTERFACES), egressInterface: rng.pick(INTERFACES),
    initiatorIpAddress: ip(rng), responderIpAddress: ip(rng),
    originalClientIpAddress: mostlyUnsetIp(rng), policyRevision: rng.pick(POLICIES),
    ruleId: rng.int(1, 200), tunnelRuleId: 0, ruleAction: rng.int(0, 6), ruleReason: 0,
    initiatorPort: rng.int(1024, 65535), responderPort: rng.pick([80, 443, 53, 22]),
    tcpFlags: rng.int(0, 0x3f), protocol: rng.pick([6, 6, 17]), netFlowSource: '::',
    instanceId: rng.int(0, 3), connectionCounter: rng.int(0, 65535),
    firstPacketTimestamp: second - rng.int(0, 600), lastPacketTimestamp: second,
  };
}

function context(rng: Rng) {
  return {
    qosAppliedInterface: UNSET_UUID, qosRuleId: 0, userId: rng.chance(0.6) ? 0 : rng.int(1, 5000),
    applicationProtocolId: rng.int(0, 3000), urlCategory: rng.int(0, 80),
    urlReputation: rng.int(0, 100), clientApplicationId: rng.int(0, 3000),
    webApplicationId: rng.int(0, 3000), securityIntelligenceSourceDestination: 0,
    securityIntelligenceLayer: 0, fileEventCount: 0, intrusionEventCount: rng.int(0, 2),
    initiatorCountry: rng.int(0, 900), responderCountry: rng.int(0, 900),
    originalClientCountry: 0, iocNumber: 0, sourceAutonomousSystem: rng.int(0, 65000),
    destinationAutonomousSystem: rng.int(0, 65000), snmpInput: 0, snmpOutput: 0, sourceTos: 0,
    destinationTos: 0, sourceMask: 0, destinationMask: 0, securityContext: UNSET_UUID,
    vlanId: rng.chance(0.7) ? 0 : rng.int(1, 4094), networkAnalysisPolicyRevision: UNSET_UUID,
    endpointProfileId: 0, securityGroupId: 0, locationIpv6: mostlyUnsetIp(rng),
    httpResponse: rng.pick([0, 200, 404]), dnsRecordType: 0, dnsResponseType: 0, dnsTtl: 0,
    sinkholeUuid: UNSET_UUID, securityIntelligenceList1: 0, securityIntelligenceList2: 0,
    securityIntelligenceList3: 0,
  };
}

/** Connection statistics `i` (record 71, block 6.2+ / 168) with archival timestamps. */
export function connRecord(rng: Rng, i: number): ConnectionStatistics62Record {
  const second = BASE_SECOND + (i >> 4);
  return {
    recordType: 71, recordName: 'Connection Statistics', netmapId: undefined, recordLength: 0,
    archiveTimestamp: second, reserved: 0, discoveryEventHeader: eventHeader(rng, second),
    blockType: 168, ...flow(rng, second), ...traffic(rng), ...context(rng), ...strings(rng),
    ...monitors(rng), ...ssl(rng),
  };
}
