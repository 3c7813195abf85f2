import {
  appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { BookmarkError, BookmarkFile } from '../../runtime/client/bookmark.js';
import { StreamStats } from '../../runtime/client/stats.js';
import { FileSink, OutputError, type RecordSink } from '../../runtime/output/sink.js';
import type { EStreamerServer } from '../../runtime/server/server.js';
import { expectedLines, LineSink, quiet, runClient, startServer } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'estreamer-stream-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));
let server: EStreamerServer | undefined;

async function serve(opts: Parameters<typeof startServer>[0] = {}): Promise<number> {
  server = startServer(opts);
  return (await server.listen()).port;
}

afterEach(async () => {
  await server?.close();
  server = undefined;
  quiet.events.length = 0;
  quiet.entries.length = 0;
});

describe('client against server over loopback TLS', () => {
  it('receives every record of an uninterrupted stream and ends when the server is idle',
    async () => {
      const sink = new LineSink();
      expect(await runClient({ port: await serve(), sink })).toBe('idle');
      expect(sink.lines).toEqual(expectedLines());
    });

  it('resumes after a drop in the middle of a bundle with output equal to an uninterrupted run',
    async () => {
      const port = await serve({ faults: { dropAfter: 37 } });
      const sink = new LineSink();
      const bookmark = join(dir, 'drop.json');
      // The server drops every connection after 37 records (cutting the bundle in flight), so
      // the client reconnects until it has everything.
      expect(await runClient({ port, sink, bookmark })).toBe('idle');
      expect(sink.lines).toEqual(expectedLines());
      expect(quiet.events.filter((e) => e === 'reconnecting').length).toBeGreaterThanOrEqual(3);
    });

  it('counts only the records written, not those a resume skipped', async () => {
    const port = await serve({ faults: { dropAfter: 37 } });
    const sink = new LineSink();
    const stats = new StreamStats();
    expect(await runClient({ port, sink, stats })).toBe('idle');
    expect(stats.reconnects).toBeGreaterThanOrEqual(3);
    expect(sink.lines.length).toBe(expectedLines().length);
    expect(stats.total).toBe(expectedLines().length);
    expect(stats.snapshot().total).toBe(expectedLines().length);
  });

  it('continues from the bookmark in a second run without repeating a line', async () => {
    const bookmark = join(dir, 'two-runs.json');
    const first = new LineSink();
    const port = await runUntilFirstDrop(first, bookmark);

    // The same FMC again: same address and certificate, so the same bookmark entry.
    const second = new LineSink();
    expect(await serve({ port })).toBe(port);
    expect(await runClient({ port, sink: second, bookmark })).toBe('idle');
    expect([...first.lines, ...second.lines]).toEqual(expectedLines());
  });

  it('resumes from the bookmark of the same address after a certificate change, with a ' +
    'warning, and moves it to the new certificate', async () => {
    const bookmark = join(dir, 'renewed.json');
    const first = new LineSink();
    const port = await runUntilFirstDrop(first, bookmark);
    const [key] = Object.keys(savedServers(bookmark));
    const old = `127.0.0.1:${port} AA:BB:CC`;
    writeFileSync(bookmark, readFileSync(bookmark, 'utf8').replace(key!, old));

    const second = new LineSink();
    expect(await serve({ port })).toBe(port);
    expect(await runClient({ port, sink: second, bookmark })).toBe('idle');
    expect([...first.lines, ...second.lines]).toEqual(expectedLines());
    expect(quiet.entries.filter((e) => e.event.startsWith('the server certificate changed'))
      .map((e) => e.fields)).toEqual([{ server: key, previous: old }]);
    expect(Object.keys(savedServers(bookmark))).toEqual([key]);
  });

  it('resumes a run started with now from the second it started at, not from the oldest ' +
    'record, when only records without an archival time came before a drop', async () => {
    const port = await serve({ faults: { dropAfter: 3 } });
    const sink = new LineSink();
    const stop = new AbortController();
    const run = runClient({ port, sink, start: 'now', signal: stop.signal });
    await waitFor(() => quiet.events.filter((e) => e === 'reconnecting').length >= 2);
    stop.abort();
    expect(await run).toBe('stopped');
    // Every connection sends the same records without an archival time first and is dropped
    // after 3: the output holds those 3 once, and nothing from the archive.
    expect(sink.lines).toEqual(untimed().slice(0, 3));
  });

  it('saves the start second of a run started with now, so a second run replays nothing',
    async () => {
      const bookmark = join(dir, 'now.json');
      const port = await serve();
      const before = Math.floor(Date.now() / 1000);
      const first = new LineSink();
      expect(await runClient({ port, sink: first, bookmark, start: 'now' })).toBe('idle');
      expect(first.lines).toEqual(untimed());
      const saved = savedPositions(bookmark);
      expect(saved.length).toBe(1);
      expect(saved[0]!.timestamp).toBeGreaterThanOrEqual(before);
      expect(saved[0]!.timestamp).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));

      const second = new LineSink();
      expect(await runClient({ port, sink: second, bookmark, start: 'now' })).toBe('idle');
      expect(second.lines).toEqual([]);
    });

  it('reconnects after a stall (read timeout), an Error message and garbage', async () => {
    for (const faults of [{ stallAfter: 30 }, { errorAfter: 30 }, { garbageAfter: 30 }]) {
      const port = await serve({ faults });
      const sink = new LineSink();
      const stop = new AbortController();
      const run = runClient({ port, sink, readTimeoutMs: 300, signal: stop.signal });
      await waitFor(() => quiet.events.some((e) => e.startsWith('session ended')));
      stop.abort();
      await run;
      await server!.close();
      expect(sink.lines.length, JSON.stringify(faults)).toBeGreaterThanOrEqual(25);
      expect(sink.lines).toEqual(expectedLines().slice(0, sink.lines.length));
      quiet.events.length = 0;
    }
  });

  it('names the server error code and text when the server sends an Error message', async () => {
    const port = await serve({ faults: { errorAfter: 10 } });
    const stop = new AbortController();
    const run = runClient({ port, signal: stop.signal });
    await waitFor(() => quiet.events.some((e) => e.startsWith('session ended')));
    stop.abort();
    await run;
    expect(quiet.events).toContain('session ended: server sent error 500: injected error');
  });

  it('stops on a corrupt bookmark instead of replaying the archive', async () => {
    const bookmark = join(dir, 'corrupt.json');
    writeFileSync(bookmark, '{"version": 1, "servers": ');
    await expect(runClient({ port: await serve(), bookmark })).rejects.toThrow(BookmarkError);
    await expect(runClient({ port: 1, bookmark })).rejects.toThrow(
      `bookmark file ${bookmark} is corrupt (Unexpected end of JSON input); the client stops ` +
      'instead of replaying the archive: repair or move the file, then choose --start');
  });
});

describe('output failures', () => {
  it('stops at the first output error, naming the output, without reconnecting or moving ' +
    'the bookmark', async () => {
    const bookmark = join(dir, 'full.json');
    // /dev/full fails every write with ENOSPC, as a full disk does.
    const run = runClient({ port: await serve(), sink: new FileSink('/dev/full'), bookmark });
    await expect(run).rejects.toThrow(OutputError);
    await expect(run).rejects.toThrow('output /dev/full: ENOSPC: no space left on device, write');
    expect(quiet.events).not.toContain('reconnecting');
    // Only the starting point (oldest), saved on connecting, before any record came.
    expect(savedPositions(bookmark)).toEqual([{ timestamp: 0, seenInSecond: 0, metadata: [] }]);
  });

  it('writes to a device, which cannot be fsynced, without an error', async () => {
    const sink = new FileSink('/dev/null');
    expect(await runClient({ port: await serve(), sink })).toBe('idle');
    expect(quiet.events).not.toContain('reconnecting');
    await sink.close();
  });
});

describe('output and bookmark after a crash', () => {
  async function firstRun(out: string, bookmark: string): Promise<number> {
    const sink = new FileSink(out);
    const port = await runUntilFirstDrop(sink, bookmark);
    await sink.close();
    return port;
  }

  async function secondRun(out: string, bookmark: string, port: number): Promise<void> {
    expect(await serve({ port })).toBe(port);
    const sink = new FileSink(out);
    expect(await runClient({ port, sink, bookmark })).toBe('idle');
    await sink.close();
  }

  const fileLines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean);
  const cuts = () => quiet.entries.filter((e) => e.event.startsWith('output cut back'));

  it('cuts the output back to the size saved in the bookmark, dropping a partial line',
    async () => {
      const out = join(dir, 'partial.jsonl');
      const bookmark = join(dir, 'partial.json');
      const port = await firstRun(out, bookmark);
      const partial = '{"recordType":400,"recordName":"Intrusion Ev';
      appendFileSync(out, partial);
      await secondRun(out, bookmark, port);
      expect(fileLines(out)).toEqual(expectedLines());
      expect(cuts().map((e) => e.fields)).toEqual([{ droppedBytes: partial.length }]);
    });

  it('leaves an output alone that is shorter than the bookmark says (rotated)', async () => {
    const out = join(dir, 'rotated.jsonl');
    const bookmark = join(dir, 'rotated.json');
    const port = await firstRun(out, bookmark);
    const written = fileLines(out).length;
    truncateSync(out, 0);
    await secondRun(out, bookmark, port);
    expect(fileLines(out)).toEqual(expectedLines().slice(written));
    expect(cuts()).toEqual([]);
  });

  it('leaves alone another output file than the one the bookmark was saved for', async () => {
    const bookmark = join(dir, 'moved.json');
    const port = await firstRun(join(dir, 'moved-first.jsonl'), bookmark);
    const written = fileLines(join(dir, 'moved-first.jsonl')).length;
    const other = join(dir, 'moved-other.jsonl');
    const theirs = 'a line of another program\n'.repeat(100_000);
    writeFileSync(other, theirs);
    await secondRun(other, bookmark, port);
    expect(readFileSync(other, 'utf8').startsWith(theirs)).toBe(true);
    expect(fileLines(other).slice(100_000)).toEqual(expectedLines().slice(written));
    expect(cuts()).toEqual([]);
  });

  it('refuses a bookmark in a directory that does not exist, before connecting', async () => {
    // Port 1: nothing listens there, so the error can only come before the connection.
    await expect(runClient({ port: 1, bookmark: '/nonexistent/dir/b.json' })).rejects.toThrow(
      new BookmarkError('bookmark file /nonexistent/dir/b.json: its directory is not ' +
        "writable (ENOENT: no such file or directory, access '/nonexistent/dir'); choose " +
        'another --bookmark'));
  });

  it('says which bookmark cannot be saved, as an error that stops the client', async () => {
    const home = mkdtempSync(join(dir, 'gone-'));
    const bookmark = join(home, 'b.json');
    const file = await BookmarkFile.open(bookmark);
    rmSync(home, { recursive: true });
    const save = file.save('127.0.0.1:8302 AA', { timestamp: 5, seenInSecond: 1, metadata: [] });
    await expect(save).rejects.toThrow(BookmarkError);
    await expect(save).rejects.toThrow(new RegExp(`^bookmark file ${bookmark} cannot be ` +
      'saved \\(ENOENT: no such file or directory, open .*\\); the client stops rather ' +
      'than stream without it$'));
  });

  it('removes the temp files a crash left beside the bookmark, and only those', async () => {
    const home = mkdtempSync(join(dir, 'temps-'));
    const names = ['.b.json.0123456789ab.tmp', '.b.json.notes.tmp', '.c.json.0123456789ab.tmp'];
    for (const name of names) writeFileSync(join(home, name), '{}');
    await BookmarkFile.open(join(home, 'b.json'));
    // b.json.lock: this process holds the bookmark while it runs.
    expect(readdirSync(home).sort()).toEqual(['.b.json.notes.tmp', '.c.json.0123456789ab.tmp',
      'b.json.lock']);
  });
});

/** A first run that stops once the server (dropping after 50 records) dropped it. */
async function runUntilFirstDrop(sink: RecordSink, bookmark: string): Promise<number> {
  const port = await serve({ faults: { dropAfter: 50 } });
  const stop = new AbortController();
  const run = runClient({ port, sink, bookmark, signal: stop.signal });
  await waitFor(() => quiet.events.includes('reconnecting'));
  stop.abort();
  expect(await run).toBe('stopped');
  await server!.close();
  return port;
}

function savedServers(bookmark: string): Record<string, Record<string, unknown>> {
  return (JSON.parse(readFileSync(bookmark, 'utf8')) as
    { servers: Record<string, Record<string, unknown>> }).servers;
}

/** The positions in a bookmark file, without their save times. */
function savedPositions(bookmark: string): Record<string, unknown>[] {
  return Object.values(savedServers(bookmark)).map(({ updated: _, ...pos }) => pos);
}

/** The served lines of records without an archival time (metadata, packets). */
function untimed(): string[] {
  return expectedLines().filter((l) => !(JSON.parse(l) as { archiveTimestamp?: number })
    .archiveTimestamp);
}

async function waitFor(cond: () => boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
