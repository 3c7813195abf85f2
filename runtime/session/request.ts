import { BLOCK_TYPES } from '../../generated/registry.js';
import type {
  EventStreamRequestMessage, StreamingEventType, StreamingRequestMessage,
} from '../../generated/types.js';

/** Request flag bits (bit 0 = value 1) that the client sets or the server honours. */
export const FLAG = {
  packets: 1 << 0,
  intrusionEvents: 1 << 2,
  impactAlerts: 1 << 5,
  intrusionWithImpact: 1 << 6,
  /** Stream no events on this session, only answer host requests. */
  hostOnly: 1 << 11,
  metadataV4: 1 << 20,
  archival: 1 << 23,
  extraData: 1 << 27,
  extended: 1 << 30,
} as const;

export const SERVICE_ESTREAMER = 6667;
export const START_NOW = 0xffffffff;
export const START_OLDEST = 0;

/** Families a user names with --events, and what each asks for. */
export const EVENT_FAMILIES: Readonly<Record<string, { event?: number; flags?: number }>> = {
  intrusion: { event: 12 },
  packet: { flags: FLAG.packets },
  metadata: { event: 21, flags: FLAG.metadataV4 },
  impact: { event: 131 },
  'extra-data': { flags: FLAG.extraData },
  correlation: { event: 31 },
  discovery: { event: 61 },
  connection: { event: 71 },
  user: { event: 91 },
  malware: { event: 101 },
  file: { event: 111 },
};

/**
 * Versions to request where no schema describes a block of that event type yet: the versions
 * the catalogue believes current in 6.2.3 (metadata 4 is what eNcore asks for).
 */
const FALLBACK_VERSION: Readonly<Record<number, number>> = {
  12: 9, 21: 4, 31: 9, 61: 11, 71: 16, 91: 7, 101: 7, 111: 6, 131: 2,
};

/** The newest version of `event` that a schema block answers to, else the fallback. */
export function newestVersion(event: number): number {
  let best = 0;
  for (const b of BLOCK_TYPES) {
    if (b.request?.event === event) best = Math.max(best, ...b.request.versions);
  }
  return best || FALLBACK_VERSION[event] || 1;
}

export interface StreamRequest {
  flags: number;
  events: StreamingEventType[];
}

/** Flags and (version, event type) pairs for the named families, newest versions. */
export function buildRequest(families: readonly string[]): StreamRequest {
  let flags = FLAG.extended | FLAG.archival;
  const events: StreamingEventType[] = [];
  for (const name of families) {
    const fam = EVENT_FAMILIES[name];
    if (!fam) throw new Error(`unknown event family '${name}'`);
    flags |= fam.flags ?? 0;
    if (fam.event !== undefined && !events.some((e) => e.eventType === fam.event)) {
      events.push({ eventVersion: newestVersion(fam.event), eventType: fam.event });
    }
  }
  return { flags, events };
}

export function eventStreamRequest(start: number, flags: number): EventStreamRequestMessage {
  return { messageType: 2, messageName: 'Event Stream Request', initialTimestamp: start,
    requestFlags: flags };
}

/** The Streaming Request naming service 6667, ending its event list with version 0 / type 0. */
export function streamingRequest(start: number, req: StreamRequest): StreamingRequestMessage {
  return {
    messageType: 2049, messageName: 'Streaming Request', otherServices: '',
    service: {
      blockType: SERVICE_ESTREAMER, flags: req.flags, initialTimestamp: start,
      streamingEventType: [...req.events, { eventVersion: 0, eventType: 0 }],
    },
  };
}
