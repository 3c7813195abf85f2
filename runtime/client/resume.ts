import type { EStreamerRecord } from '../../generated/types.js';
import type { RecordSink } from '../output/sink.js';
import { metadataDigest, type Position } from './bookmark.js';

/**
 * Sits in front of the output: on a resumed stream it drops what the output already has, and
 * it tracks the position to bookmark. The server resends the whole resume second (the start
 * time is in seconds), so the first `seenInSecond` records of that second are skipped; records
 * without an archival time are skipped when their digest was written before.
 */
export class ResumingSink implements RecordSink {
  private toSkip: number;
  private readonly seenMetadata: Set<string>;
  readonly position: Position;

  /**
   * `from` is the bookmark, or for a fresh start the second the run begins at: records without
   * an archival time never move the position, so a resume never goes back before it.
   */
  /** `written` sees each record that went to the output (counters must not see the rest). */
  constructor(private readonly out: RecordSink, from: Position,
    private readonly written: (rec: EStreamerRecord) => void = () => undefined) {
    this.position = { ...from, metadata: [...from.metadata] };
    this.toSkip = this.position.seenInSecond;
    this.seenMetadata = new Set(this.position.metadata);
  }

  /** Returns false when the record was already written before and is dropped. */
  write(rec: EStreamerRecord): boolean {
    const ts = rec.archiveTimestamp ?? 0;
    if (ts === 0) return this.writeMetadata(rec);
    const pos = this.position;
    if (ts === pos.timestamp && this.toSkip > 0) {
      this.toSkip--;
      return false;
    }
    if (ts > pos.timestamp) {
      pos.timestamp = ts;
      pos.seenInSecond = 0;
      this.toSkip = 0;
    }
    if (ts === pos.timestamp) pos.seenInSecond++;
    this.pass(rec);
    return true;
  }

  private writeMetadata(rec: EStreamerRecord): boolean {
    const digest = metadataDigest(rec);
    if (this.seenMetadata.has(digest)) return false;
    this.seenMetadata.add(digest);
    this.position.metadata.push(digest);
    this.pass(rec);
    return true;
  }

  private pass(rec: EStreamerRecord): void {
    this.out.write(rec);
    this.written(rec);
  }

  flush(): Promise<void> {
    return this.out.flush();
  }

  close(): Promise<void> {
    return this.out.close();
  }
}
