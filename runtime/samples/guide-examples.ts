import type { EStreamerRecord } from '../../generated/types.js';
import { Rng } from './random.js';
import { sampleRecord, type SampleOptions } from './records.js';

/**
 * The example records of the eStreamer Integration Guide's Appendix A, as decoded objects, for
 * the demo server. Each carries the values the guide states (collected in the project's
 * shared/fixtures/*.expected.yaml, named beside each example; those files are not shipped);
 * fields the guide does not state get sample values from a fixed seed.
 */

export interface GuideExample {
  /** The guide's title for the example. */
  title: string;
  record: EStreamerRecord;
}

/** A fixed seed per example, so that its unstated fields never change between runs. */
function example(title: string, seed: number, type: number, block: number | undefined,
  opts: SampleOptions): GuideExample {
  return { title, record: sampleRecord(type, block, new Rng(seed), opts) };
}

/**
 * A 953-byte Ethernet frame (the packet length the guide states; it prints only the start):
 * an IPv4/TCP HTTP response whose body is filler text.
 */
function packetFrame(): string {
  const length = 953;
  const ethernet = '000c293a5b7c' + '005056c00008' + '0800';
  const ipv4 = '4500' + (length - 14).toString(16).padStart(4, '0') + '1c4640004006' + '0000' +
    'c0a8010a' + 'c0a80114';
  const tcp = '0050c35a' + '3b9aca07' + '0001e240' + '5018ffff' + '00000000';
  const head = ethernet + ipv4 + tcp;
  const http = 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body>eStreamer';
  const body = Buffer.from(http.padEnd(length - head.length / 2, ' lorem ipsum'), 'latin1');
  return head + body.toString('hex');
}

/** Fresh objects on each call, since records are mutable. */
export function guideExamples(): GuideExample[] {
  return [
    // 01-intrusion-event-5-4.expected.yaml; the guide's archive time, 2014-07-02 16:11:27, is
    // taken as UTC, two seconds before the event second.
    example('Intrusion Event for the Management Center 5.4+', 54, 400, 45, {
      archiveTimestamp: 1404317487, now: 1404317489, set: {
        deviceId: 5, eventId: 65580, eventSecond: 1404317489, eventMicrosecond: 46542, ruleId: 4,
        generatorId: 119, ruleRevision: 1, classificationId: 1, priorityId: 3,
        sourceIp: '10.5.61.220', destinationIp: '10.5.56.133',
      } }),
    // 02-intrusion-impact-alert.expected.yaml; no archival header.
    example('Intrusion Impact Alert', 2, 9, 20, {
      now: 1087223700, set: {
        eventId: 201256, deviceId: 2, eventSecond: 1087223700, impact: 1,
        sourceIp: '172.16.1.22', destinationIp: '0.0.0.0', description: 'Vulnerable',
      } }),
    // 03-packet-record.expected.yaml; 953 packet bytes as stated, their content is ours.
    example('Packet Record', 3, 2, undefined, {
      now: 1057259378, set: {
        deviceId: 3, eventId: 195430, eventSecond: 1057259378, packetSecond: 1057259380,
        packetMicrosecond: 254365, linkType: 1, packetData: packetFrame(),
      } }),
    // 04-classification-record.expected.yaml; description without the final period (29 bytes),
    // revision UUID all zero; the guide does not print the UUID.
    example('Classification Record', 4, 67, undefined, {
      set: {
        classificationId: 35, name: 'trojan-activity',
        description: 'A Network Trojan was Detected',
        uuid: 'f47ac10b-58cc-4372-a567-0e02b2c3d479',
        revisionUuid: '00000000-0000-0000-0000-000000000000',
      } }),
    // 05-priority-record.expected.yaml
    example('Priority Record', 5, 4, undefined, { set: { priorityId: 1, priorityName: 'high' } }),
    // 06-rule-message-record.expected.yaml; the 71-byte text is the guide's, the IDs are not.
    example('Rule Message Record', 6, 66, undefined, {
      set: {
        generatorId: 1, ruleId: 30887, ruleRevision: 2, renderedSignatureId: 30887,
        ruleUuid: '2f0e4c3a-9b1d-4e5f-8a7b-6c5d4e3f2a1b',
        ruleRevisionUuid: '7d3b2a19-0c8e-4f6d-9e5c-4b3a29180f7e',
        message: 'APP-DETECT DNS request for potential malware SafeGuard to domain 360.cn',
      } }),
    // 08-user-event-5-1.expected.yaml; the texts total 16 bytes, which with the header and
    // block gives the stated record length of 137.
    example('Version 5.1+ User Event', 8, 95, 127, {
      archiveTimestamp: 1395686441, now: 1395686400, set: {
        deviceId: 3, legacyIpAddress: '0.0.0.0',
        userName: 'bsmith', email: '', reportedBy: 'User Agent',
      } }),
    // 90-intrusion-event-5-3-legacy.expected.yaml; values decoded from the guide's bits.
    example('Intrusion Event for the Defense Center 5.3+', 53, 400, 41, {
      archiveTimestamp: 1391628700, now: 1391628571, set: {
        deviceId: 2, eventId: 11761, eventSecond: 1391628571, eventMicrosecond: 950840,
      } }),
  ];
}
