import { BLOCK_TYPES, RECORD_TYPES } from '../../generated/registry.js';
import type { StreamingEventType } from '../../generated/types.js';
import type { EStreamerRecord } from '../../generated/types.js';
import { FLAG, START_NOW } from '../session/request.js';

/** What a client asked for, after the negotiation. */
export interface Selection {
  flags: number;
  start: number;
  /** (version, event type) pairs of an extended request; undefined for a legacy request. */
  events: StreamingEventType[] | undefined;
}

/** Legacy requests name families by flag bit; these are the ones the schemas can serve. */
const LEGACY_EVENT_FLAGS: ReadonlyArray<readonly [number, number]> = [
  [12, 1 << 2], [12, FLAG.intrusionWithImpact], [131, FLAG.impactAlerts], [21, FLAG.metadataV4],
];

/**
 * For each event type, the block types a client asking for that version can read: every block
 * whose first version is at or below the one requested. An archive holds events of older
 * formats too, and a newer client reads those; an older client never gets a newer block.
 */
function blockChoices(events: StreamingEventType[]): Map<number, Set<number>> {
  const chosen = new Map<number, Set<number>>();
  for (const { eventType, eventVersion } of events) {
    const types = new Set<number>();
    for (const b of BLOCK_TYPES) {
      if (b.request?.event === eventType && Math.min(...b.request.versions) <= eventVersion) {
        types.add(b.type);
      }
    }
    chosen.set(eventType, types);
  }
  return chosen;
}

function wantedEvents(sel: Selection): StreamingEventType[] {
  if (sel.events) return sel.events.filter((e) => e.eventType !== 0);
  return LEGACY_EVENT_FLAGS.filter(([, bit]) => (sel.flags & bit) !== 0)
    .map(([eventType]) => ({ eventType, eventVersion: 0xffff }));
}

/**
 * The records of `all` that the client asked for, in order: by event type, block version,
 * request flag, and start time (archival timestamp at or after the requested start; records
 * without one, metadata, always go).
 */
export function selectRecords(all: readonly EStreamerRecord[], sel: Selection):
  EStreamerRecord[] {
  const blocks = blockChoices(wantedEvents(sel));
  const info = new Map(RECORD_TYPES.map((r) => [r.type, r]));
  const metadata = blocks.has(21) || (sel.flags & FLAG.metadataV4) !== 0;

  return all.filter((rec) => {
    const t = info.get(rec.recordType);
    if (!t) return false;
    if (t.flag !== undefined) {
      if ((sel.flags & (1 << t.flag)) === 0) return false;
    } else if (t.event === 21) {
      if (!metadata) return false;
    } else if (t.event === undefined || !blocks.has(t.event)) {
      return false;
    } else if (t.blocks.length > 0 &&
      !blocks.get(t.event)!.has((rec as { blockType?: number }).blockType ?? -1)) {
      return false;
    }
    return inWindow(rec, sel.start);
  });
}

function inWindow(rec: EStreamerRecord, start: number): boolean {
  const ts = rec.archiveTimestamp;
  if (!ts) return true;
  if (start === START_NOW) return false;
  return ts >= start;
}
