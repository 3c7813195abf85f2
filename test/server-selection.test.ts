import { describe, expect, it } from 'vitest';
import { LAYOUT_FIELDS } from '../generated/layouts.js';
import type { EStreamerRecord } from '../generated/types.js';
import { versionCaps } from '../runtime/cli/args.js';
import { guideExamples } from '../runtime/samples/guide-examples.js';
import { Rng } from '../runtime/samples/random.js';
import { sampleRecord } from '../runtime/samples/records.js';
import { selectRecords } from '../runtime/server/selection.js';
import { FLAG } from '../runtime/session/request.js';

const examples = guideExamples().map((e) => e.record);
const intrusion = examples.filter((r) => r.recordType === 400);

function served(version: number, start = 0): EStreamerRecord[] {
  return selectRecords(intrusion, { flags: FLAG.extended, start,
    events: [{ eventType: 12, eventVersion: version }, { eventType: 0, eventVersion: 0 }] });
}

/** The (version, event type) pairs of eNcore's Streaming Request (python3 branch). */
const ENCORE_EVENTS = [[11, 12], [4, 21], [9, 31], [11, 61], [17, 71], [7, 91], [8, 101],
  [7, 111], [2, 131]].map(([eventVersion, eventType]) => ({ eventVersion, eventType }));

const blockOf = (r: EStreamerRecord) => (r as { blockType?: number }).blockType;

describe('server record selection', () => {
  it('renders every intrusion event in the newest block at or below the requested version', () => {
    expect(intrusion.map(blockOf)).toEqual([45, 41]);
    expect(served(6).map(blockOf)).toEqual([41, 41]);
    expect(served(8).map(blockOf)).toEqual([45, 45]);
    expect(served(9).map(blockOf)).toEqual([60, 60]);
    // A newer client (eNcore asks for 11) gets the newest block this server knows.
    expect(served(11).map(blockOf)).toEqual([60, 60]);
    expect(served(5)).toEqual([]);
  });

  it('keeps the values of fields both blocks have and leaves the others empty', () => {
    const [from5x] = served(9);
    const original = intrusion[0] as unknown as Record<string, unknown>;
    const rendered = from5x as unknown as Record<string, unknown>;
    const added = LAYOUT_FIELDS.IntrusionEvent6x!.map((f) => f.key)
      .filter((k) => !LAYOUT_FIELDS.IntrusionEvent54!.some((f) => f.key === k));
    expect(added).toHaveLength(1);
    for (const f of LAYOUT_FIELDS.IntrusionEvent54!) {
      expect(rendered[f.key]).toEqual(original[f.key]);
    }
    expect(rendered[added[0]!]).toBe(0);
    expect(rendered.eventId).toBe(65580);
  });

  it('filters by archival start time and sends nothing from the archive for "now"', () => {
    expect(served(9, 1404317487).map((r) => r.archiveTimestamp)).toEqual([1404317487]);
    expect(served(9, 0xffffffff)).toEqual([]);
  });

  it('sends a record whose blocks name no version as it is, beside rendered ones', () => {
    // Connection chunks (73) share event type 71 with connection statistics (71).
    const stats = sampleRecord(71, 160, new Rng(3));
    const chunk = sampleRecord(73, 136, new Rng(4));
    const sel = { flags: FLAG.extended, start: 0, events: ENCORE_EVENTS };
    expect(selectRecords([stats, chunk], sel).map(blockOf)).toEqual([168, 136]);
    expect(selectRecords([chunk], sel)[0]).toBe(chunk);
  });

  it('renders an event type in at most the version --max-version allows', () => {
    const connection = sampleRecord(71, 168, new Rng(7));
    const sel = { flags: FLAG.extended, start: 0, events: ENCORE_EVENTS };
    const both = [intrusion[0]!, connection];
    expect(selectRecords(both, sel).map(blockOf)).toEqual([60, 168]);
    const capped = selectRecords(both, sel, versionCaps('connection=15'));
    expect(capped.map(blockOf)).toEqual([60, 163]);
    expect(selectRecords(both, sel, versionCaps('connection=14,intrusion=8')).map(blockOf))
      .toEqual([45, 160]);
    // A cap below every known version leaves nothing of that type to send.
    expect(selectRecords(both, sel, versionCaps('connection=9')).map(blockOf)).toEqual([60]);
  });

  it('refuses a --max-version naming no event family', () => {
    expect(() => versionCaps('packet=3')).toThrow("--max-version takes FAMILY=VERSION with a "
      + 'family of intrusion, metadata, impact, correlation, discovery, connection, user, '
      + "malware, file; not 'packet=3'");
    expect(() => versionCaps('connection')).toThrow("not 'connection'");
  });
});
