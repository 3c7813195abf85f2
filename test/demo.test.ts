import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RECORD_TYPES } from '../generated/registry.js';
import { demoRecords } from '../runtime/samples/demo-records.js';
import { servedLines } from './helpers/served.js';

const root = join(import.meta.dirname, '..');

describe('npm start', () => {
  const run = spawnSync('npm', ['start'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  // npm prints its own "> estreamer-ts@... start" banner to stdout before the JSON lines.
  const lines = run.stdout.split('\n').filter((l) => l.startsWith('{'));

  it('exits 0 and reports what it received', () => {
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain(`demo received ${lines.length} records in `);
  });

  it('writes every record the server sent, in order, as JSON lines', () => {
    // What the server sends for the demo's request: the newest block of each event type.
    expect(lines).toEqual(servedLines(demoRecords(200)));
  });

  it('covers every record type, versioned ones in their newest block only', () => {
    const seen = lines.map((l) => JSON.parse(l) as { recordType: number; blockType?: number });
    expect(new Set(seen.map((r) => r.recordType)))
      .toEqual(new Set(RECORD_TYPES.map((r) => r.type)));
    const blocksOf = (type: number) =>
      new Set(seen.filter((r) => r.recordType === type).map((r) => r.blockType));
    expect(blocksOf(400)).toEqual(new Set([60]));
    expect(blocksOf(71)).toEqual(new Set([168]));
    expect(blocksOf(9)).toEqual(new Set([153]));
    expect(blocksOf(95)).toEqual(new Set([167]));
  });

  it('sends records in archive order, the guide\'s examples first', () => {
    const times = lines.map((l) => (JSON.parse(l) as { archiveTimestamp: number })
      .archiveTimestamp);
    expect(times.slice(0, 3)).toEqual([1391628700, 1395686441, 1404317487]);
    const real = times.filter((t) => t !== 0);
    expect(real).toEqual([...real].sort((a, b) => a - b));
  });

  it('renders the guide example intrusion event 5.4 as block 60', () => {
    expect(JSON.parse(lines[2]!)).toMatchObject({
      recordType: 400, blockType: 60, recordLength: 282, deviceId: 5, eventId: 65580,
      eventSecond: 1404317489, eventMicrosecond: 46542, sourceIp: '10.5.61.220',
      destinationIp: '10.5.56.133',
    });
  });
});
