import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { EStreamerRecord } from '../../generated/types.js';
import { removeStaleTemps, writeFileAtomic } from '../fs/atomic-file.js';
import { claimLock, LockedError } from '../fs/lock-file.js';
import { toJson } from '../output/json.js';
import type { OutputMark } from '../output/sink.js';

/**
 * Where a client stands with one FMC: the archival second of the newest record written, how
 * many records of that second were written, and digests of the records without an archival
 * time (metadata, which an FMC sends again on every connection).
 */
export interface Position {
  timestamp: number;
  seenInSecond: number;
  metadata: string[];
  /**
   * The output file and its size when the position was saved (after fsync); what lies beyond
   * it on resume was written after the save and comes again from the server.
   */
  output?: OutputMark;
}

/** A bookmark file that cannot be read as one: the client stops rather than replay it all. */
export class BookmarkError extends Error {
  override readonly name = 'BookmarkError';
}

const VERSION = 1;
/** Metadata digests kept per server; beyond this the oldest are dropped (and may repeat). */
const METADATA_LIMIT = 100_000;

interface FileShape {
  version: number;
  servers: Record<string, Position & { updated: string }>;
}

function isOutputMark(m: OutputMark): boolean {
  return typeof m === 'object' && m !== null && typeof m.path === 'string' &&
    Number.isSafeInteger(m.size) && m.size >= 0;
}

function isPosition(p: unknown): p is Position {
  const x = p as Position;
  return typeof x === 'object' && x !== null && Number.isInteger(x.timestamp) &&
    x.timestamp >= 0 && x.timestamp <= 0xffffffff && Number.isInteger(x.seenInSecond) &&
    x.seenInSecond >= 0 && Array.isArray(x.metadata) &&
    x.metadata.every((d) => typeof d === 'string') &&
    (x.output === undefined || isOutputMark(x.output));
}

/**
 * Bookmarks of every server a client has streamed from, in one JSON file keyed by server
 * (address and certificate fingerprint), written atomically: temp file, fsync, rename.
 */
export class BookmarkFile {
  private data: FileShape = { version: VERSION, servers: {} };

  private constructor(readonly path: string) {}

  /**
   * Reads `path`; a missing file is an empty store, an unreadable one a BookmarkError, and so
   * is a directory the client cannot write in: found before connecting, not at the first save.
   * The bookmark is locked (`path.lock`) for this process: a second client on the same
   * bookmark, and so on the same output, is refused. Temp files of earlier saves that a crash
   * left behind are removed.
   */
  static async open(path: string): Promise<BookmarkFile> {
    const file = new BookmarkFile(path);
    await mustBeWritable(path);
    lockBookmark(path);
    await removeStaleTemps(path);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return file;
      throw err;
    }
    file.data = parse(path, text);
    return file;
  }

  /**
   * The position saved for `server` ("ADDRESS FINGERPRINT"); else the newest one saved for the
   * same address under another certificate fingerprint, which is then moved to `server`: a
   * renewed FMC certificate (already verified by the caller) must not lose the position.
   * `previous` names the entry it came from.
   */
  lookup(server: string): { position: Position; previous?: string } | undefined {
    const own = this.data.servers[server];
    if (own) return { position: positionOf(own) };
    const address = `${server.slice(0, server.lastIndexOf(' '))} `;
    const [previous] = Object.keys(this.data.servers).filter((k) => k.startsWith(address))
      .sort((a, b) => this.updated(b).localeCompare(this.updated(a)));
    if (previous === undefined) return undefined;
    this.data.servers[server] = this.data.servers[previous]!;
    delete this.data.servers[previous];
    return { position: positionOf(this.data.servers[server]), previous };
  }

  private updated(server: string): string {
    return this.data.servers[server]?.updated ?? '';
  }

  // TODO(bookmark-size): every save rewrites the metadata digests too (22 bytes each, up to
  // METADATA_LIMIT), once per bundle; an FMC sending tens of thousands of rule messages would
  // make that a few MB per bundle. An append-only digest file would keep saves small.
  async save(server: string, pos: Position): Promise<void> {
    const metadata = pos.metadata.slice(-METADATA_LIMIT);
    this.data.servers[server] = { ...pos, metadata, updated: new Date().toISOString() };
    try {
      await writeFileAtomic(this.path, `${JSON.stringify(this.data, null, 1)}\n`, 0o600);
    } catch (err) {
      throw new BookmarkError(`bookmark file ${this.path} cannot be saved ` +
        `(${(err as Error).message}); the client stops rather than stream without it`);
    }
  }
}

/** The atomic save writes a temp file beside the bookmark and renames it. */
async function mustBeWritable(path: string): Promise<void> {
  try {
    await access(dirname(path), constants.W_OK);
  } catch (err) {
    throw new BookmarkError(`bookmark file ${path}: its directory is not writable ` +
      `(${(err as Error).message}); choose another --bookmark`);
  }
}

function positionOf(p: Position): Position {
  return { timestamp: p.timestamp, seenInSecond: p.seenInSecond, metadata: p.metadata,
    output: p.output };
}

function parse(path: string, text: string): FileShape {
  const fail = (why: string): never => {
    throw new BookmarkError(`bookmark file ${path} is corrupt (${why}); the client stops ` +
      'instead of replaying the archive: repair or move the file, then choose --start');
  };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return fail((err as Error).message);
  }
  const shape = data as FileShape;
  if (typeof shape !== 'object' || shape === null || shape.version !== VERSION) {
    return fail(`expected version ${VERSION}`);
  }
  if (typeof shape.servers !== 'object' || shape.servers === null) return fail('no servers');
  for (const [key, pos] of Object.entries(shape.servers)) {
    if (!isPosition(pos)) fail(`bad entry for ${key}`);
  }
  return shape;
}

export function metadataDigest(rec: EStreamerRecord): string {
  return createHash('sha256').update(toJson(rec)).digest('base64url').slice(0, 22);
}

function lockBookmark(path: string): void {
  try {
    claimLock(`${path}.lock`);
  } catch (err) {
    if (!(err instanceof LockedError)) throw err;
    throw new BookmarkError(`bookmark ${path} is in use by process ${err.holder} (lock ${
      err.lock}); run one client per bookmark`);
  }
}
