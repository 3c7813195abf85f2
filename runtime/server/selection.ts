import { RECORD_LAYOUTS } from '../../generated/layouts.js';
import type { StreamingEventType } from '../../generated/types.js';
import type { EStreamerRecord } from '../../generated/types.js';
import type { BlockTypeInfo } from '../codec/info.js';
import { BLOCK_BY_NAME, RECORD_INFO } from '../codec/lookup.js';
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

/** Each record type's payload blocks that a version of its event type asks for. */
const VERSIONED_PAYLOADS = new Map(RECORD_LAYOUTS.map((r) => [r.type, r.payload
  .map((name) => BLOCK_BY_NAME.get(name)!).filter((b) => b.request !== undefined)]));

const firstVersion = (b: BlockTypeInfo) => Math.min(...b.request!.versions);

/**
 * How a record of `recordType` goes out for a request of `version` of its event type: in the
 * newest of its payload blocks whose first version is at or below that (an FMC renders every
 * event, old ones too, in that one format), as it is when none of its blocks names versions,
 * or not at all (undefined) when every block is newer than the request.
 */
function renderChoice(recordType: number, version: number): BlockTypeInfo | 'as-is' | undefined {
  const blocks = VERSIONED_PAYLOADS.get(recordType) ?? [];
  if (blocks.length === 0) return 'as-is';
  let best: BlockTypeInfo | undefined;
  for (const b of blocks) {
    if (firstVersion(b) <= version && (!best || firstVersion(b) > firstVersion(best))) best = b;
  }
  return best;
}

/** The version to serve of each requested event type: the one asked for, within `caps`. */
function versions(events: StreamingEventType[], caps: VersionCaps): Map<number, number> {
  return new Map(events.map(({ eventType, eventVersion: asked }) =>
    [eventType, Math.min(asked, caps.get(eventType) ?? asked)]));
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
  const served = versions(wantedEvents(sel), caps);
  const metadata = served.has(21) || (sel.flags & FLAG.metadataV4) !== 0;
  const out: EStreamerRecord[] = [];
  for (const rec of all) {
    const t = RECORD_INFO.get(rec.recordType);
    if (!t || !inWindow(rec, sel.start)) continue;
    if (t.flag !== undefined) {
      if ((sel.flags & (1 << t.flag)) !== 0) out.push(rec);
    } else if (t.event === 21) {
      if (metadata) out.push(rec);
    } else if (t.event !== undefined && served.has(t.event)) {
      const choice = renderChoice(t.type, served.get(t.event)!);
      if (choice === 'as-is') out.push(rec);
      else if (choice) out.push(renderAs(rec, choice));
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
