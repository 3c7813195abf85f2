import { parseArgs } from 'node:util';
import { BookmarkFile } from '../client/bookmark.js';
import { connectServer } from '../client/connect.js';
import { StreamStats } from '../client/stats.js';
import { streamWithReconnects, type Start } from '../client/stream.js';
import { createLogger, type Logger } from '../log.js';
import { FileSink, StreamSink, type RecordSink } from '../output/sink.js';
import { buildRequest } from '../session/request.js';
import { CONNECT_OPTIONS, connection, families } from './client-options.js';
import { withConfig } from './config.js';
import { logFormat, positiveInt } from './args.js';
import { UsageError } from './usage.js';

const OPTIONS = {
  ...CONNECT_OPTIONS, out: { type: 'string' }, bookmark: { type: 'string' },
  start: { type: 'string' }, events: { type: 'string' }, follow: { type: 'boolean' },
  'status-interval': { type: 'string' }, 'read-timeout': { type: 'string' },
} as const;

function startOf(text: string | undefined): Start {
  const s = text ?? 'now';
  if (s === 'bookmark' || s === 'now' || s === 'oldest') return s;
  if (/^\d+$/.test(s) && Number(s) <= 0xfffffffe) return Number(s);
  throw new UsageError(`--start takes bookmark, now, oldest or UNIX seconds, not '${s}'`);
}

/** Seconds between status lines; 0 turns them off. */
function statusInterval(text: string | undefined): number {
  if (text === undefined) return 60;
  if (!/^\d+$/.test(text)) {
    throw new UsageError(`--status-interval takes whole seconds (0: off), not '${text}'`);
  }
  return Number(text);
}

/** A status line every `seconds` (0: never), and a live line when stderr is a terminal. */
function reportProgress(stats: StreamStats, log: Logger, seconds: number, live: boolean):
  () => void {
  const timers: NodeJS.Timeout[] = [];
  if (seconds > 0) {
    timers.push(setInterval(() => log.log('info', 'status', stats.snapshot()), seconds * 1000));
  }
  if (live) {
    timers.push(setInterval(() => process.stderr.write(
      `\r\x1b[K${stats.total} events, ${stats.reconnects} reconnects`), 1000));
  }
  for (const t of timers) t.unref();
  return () => timers.forEach(clearInterval);
}

/** `estreamer stream`: events from an FMC to JSON lines, resumable, until idle or stopped. */
export async function streamCommand(args: string[]): Promise<number> {
  const v = withConfig(parseArgs({ args, options: OPTIONS }).values, OPTIONS);
  const log = createLogger(logFormat(v));
  const start = startOf(v.start as string | undefined);
  const bookmarks = v.bookmark ? await BookmarkFile.open(v.bookmark as string) : undefined;
  if (start === 'bookmark' && !bookmarks) throw new UsageError('--start bookmark needs --bookmark');
  const request = buildRequest(families(v.events as string | undefined));
  const { connect } = await connection(v);
  const out = (v.out as string | undefined) ?? '-';
  const sink: RecordSink = out === '-' ? new StreamSink(process.stdout) : new FileSink(out);

  const stats = new StreamStats();
  const stop = new AbortController();
  const onSignal = (name: string) => {
    log.log('info', 'stopping', { signal: name });
    stop.abort();
  };
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  const stopReports = reportProgress(stats, log,
    statusInterval(v['status-interval'] as string | undefined),
    process.stderr.isTTY === true && logFormat(v) === 'text');
  try {
    const ended = await streamWithReconnects({
      connect: () => connectServer(connect),
      serverKey: (s) => `${connect.host}:${connect.port} ${s.getPeerCertificate().fingerprint256}`,
      start, request,
      follow: v.follow === true, sink, bookmarks, stats, log, signal: stop.signal,
      readTimeoutMs: positiveInt(v['read-timeout'] as string | undefined, '--read-timeout',
        120) * 1000,
    });
    log.log('info', 'done', { ended, ...stats.snapshot() });
    return 0;
  } finally {
    stopReports();
    await sink.close();
  }
}
