import { BLOCK_TYPES, RECORD_TYPES } from '../../generated/registry.js';
import type { StreamingEventType } from '../../generated/types.js';
import type { EStreamerRecord } from '../../generated/types.js';
import type { BlockTypeInfo } from '../codec/info.js';
import { FLAG, START_NOW } from '../session/request.js';
import { renderAs } from './render.js';

/** What a client asked for, after the negotiation. */
export interface Selection {
  flags: number;
  start: number;
  /** (version, event type) pairs of an extended request; undefined for a legacy request. */
  events: StreamingEventType[] | undefined;
}

/**
 * The newest version the server renders each event type in, by event type: what an FMC of an
 * older release would answer a newer request with. Event types not named are not capped.
 */
export type VersionCaps = ReadonlyMap<number, number>;

/** Legacy requests name families by flag bit; these are the ones the schemas can serve. */
const LEGACY_EVENT_FLAGS: ReadonlyArray<readonly [number, number]> = [
  [12, FLAG.intrusionEvents], [12, FLAG.intrusionWithImpact],
  [131, FLAG.impactAlerts], [21, FLAG.metadataV4],
];

/**
 * For each event type, the block to serve: the newest whose first version is at or below the
 * one requested. An FMC renders every event, old ones too, in that one format.
 */
function blockChoices(events: StreamingEventType[], caps: VersionCaps):
  Map<number, BlockTypeInfo | undefined> {
  const chosen = new Map<number, BlockTypeInfo | undefined>();
  for (const { eventType, eventVersion: asked } of events) {
    const eventVersion = Math.min(asked, caps.get(eventType) ?? asked);
    let best: BlockTypeInfo | undefined;
    for (const b of BLOCK_TYPES) {
      const first = b.request?.event === eventType ? Math.min(...b.request.versions) : Infinity;
      if (first <= eventVersion && (!best || first > Math.min(...best.request!.versions))) best = b;
    }
    chosen.set(eventType, best);
  }
  return chosen;
}

function wantedEvents(sel: Selection): StreamingEventType[] {
  if (sel.events) return sel.events.filter((e) => e.eventType !== 0);
  return LEGACY_EVENT_FLAGS.filter(([, bit]) => (sel.flags & bit) !== 0)
    .map(([eventType]) => ({ eventType, eventVersion: 0xffff }));
}

/**
 * The records of `all` that the client asked for, in order, by event type, request flag and
 * start time (archival timestamp at or after the requested start; records without one, such
 * as metadata, always go), each rendered in the block version chosen for its event type, at
 * most the version `caps` allows.
 */
export function selectRecords(all: readonly EStreamerRecord[], sel: Selection,
  caps: VersionCaps = new Map()): EStreamerRecord[] {
  const blocks = blockChoices(wantedEvents(sel), caps);
  const info = new Map(RECORD_TYPES.map((r) => [r.type, r]));
  const metadata = blocks.has(21) || (sel.flags & FLAG.metadataV4) !== 0;
  const out: EStreamerRecord[] = [];
  for (const rec of all) {
    const t = info.get(rec.recordType);
    if (!t || !inWindow(rec, sel.start)) continue;
    if (t.flag !== undefined) {
      if ((sel.flags & (1 << t.flag)) !== 0) out.push(rec);
    } else if (t.event === 21) {
      if (metadata) out.push(rec);
    } else if (t.event !== undefined && blocks.has(t.event)) {
      const block = blocks.get(t.event);
      if (t.blocks.length === 0) out.push(rec);
      else if (block) out.push(renderAs(rec, block));
    }
  }
  return out;
}

function inWindow(rec: EStreamerRecord, start: number): boolean {
  const ts = rec.archiveTimestamp;
  if (!ts) return true;
  if (start === START_NOW) return false;
  return ts >= start;
}
