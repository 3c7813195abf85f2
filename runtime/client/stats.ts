import type { EStreamerRecord } from '../../generated/types.js';
import { unknownSeen } from '../codec/blocks.js';
import { RECORD_INFO } from '../codec/lookup.js';

/** Counters for the status line: records per family, rate, lag, reconnects. */
export class StreamStats {
  readonly perFamily = new Map<string, number>();
  total = 0;
  reconnects = 0;
  /** Newest event time seen (archival timestamp, else event second), UNIX seconds. */
  newest = 0;
  private lastTotal = 0;
  private lastAt = Date.now();

  count(rec: EStreamerRecord): void {
    this.total++;
    const family = RECORD_INFO.get(rec.recordType)?.category ?? 'unknown';
    this.perFamily.set(family, (this.perFamily.get(family) ?? 0) + 1);
    const ts = rec.archiveTimestamp ?? 0;
    if (ts > this.newest) this.newest = ts;
  }

  /** Events per second since the previous call. */
  rate(now = Date.now()): number {
    const seconds = Math.max((now - this.lastAt) / 1000, 0.001);
    const rate = (this.total - this.lastTotal) / seconds;
    this.lastTotal = this.total;
    this.lastAt = now;
    return rate;
  }

  /** The fields of one status line. */
  snapshot(now = Date.now()): Record<string, unknown> {
    return {
      eventsPerSecond: Math.round(this.rate(now)),
      total: this.total,
      families: Object.fromEntries(this.perFamily),
      lagSeconds: this.newest ? Math.max(0, Math.round(now / 1000 - this.newest)) : null,
      reconnects: this.reconnects,
      unknownTypes: Object.fromEntries(unknownSeen),
    };
  }
}
