import type { EStreamerRecord } from '../../generated/types.js';
import { BookmarkFile } from '../../runtime/client/bookmark.js';
import { connectServer } from '../../runtime/client/connect.js';
import { StreamStats } from '../../runtime/client/stats.js';
import { streamWithReconnects, type Start, type StreamEnd } from '../../runtime/client/stream.js';
import type { Logger } from '../../runtime/log.js';
import { toJson } from '../../runtime/output/json.js';
import type { RecordSink } from '../../runtime/output/sink.js';
import { demoRecords } from '../../runtime/samples/demo-records.js';
import { servedLines } from '../helpers/served.js';
import type { Faults } from '../../runtime/server/faults.js';
import { EStreamerServer } from '../../runtime/server/server.js';
import { buildRequest, EVENT_FAMILIES } from '../../runtime/session/request.js';
import {
  clientTlsOptions, loadPkcs12, makeCertificateSet, makePkcs12, serverTlsOptions,
  type CertificateSet,
} from '../../runtime/tls/index.js';

export const certs: CertificateSet = makeCertificateSet();
export const RECORDS: EStreamerRecord[] = demoRecords(120);

/** Collects JSON lines as the output would hold them; counts flushes. */
export class LineSink implements RecordSink {
  readonly lines: string[] = [];
  flushes = 0;
  write(value: unknown): void {
    this.lines.push(toJson(value));
  }
  async flush(): Promise<void> {
    this.flushes++;
  }
  async close(): Promise<void> {}
}

export function startServer(opts: { faults?: Faults; follow?: boolean; keepAliveMs?: number;
  records?: EStreamerRecord[]; serverCerts?: CertificateSet; port?: number } = {}) {
  const c = opts.serverCerts ?? certs;
  return new EStreamerServer({
    tls: serverTlsOptions({ caPem: c.caCertPem, serverCertPem: c.serverCertPem,
      serverKeyPem: c.serverKeyPem }),
    port: opts.port ?? 0, records: opts.records ?? RECORDS, bundleSize: 25, faults: opts.faults,
    follow: opts.follow, keepAliveMs: opts.keepAliveMs ?? 1000,
  });
}

/** Keeps each event's name (with its error), and each event with its fields in `entries`. */
export const quiet: Logger & { events: string[];
  entries: { event: string; fields?: Record<string, unknown> }[] } = {
  events: [],
  entries: [],
  log(_level, event, fields) {
    this.events.push(fields?.error ? `${event}: ${String(fields.error)}` : event);
    this.entries.push({ event, fields });
  },
};

export interface ClientRun {
  port: number;
  sink?: RecordSink;
  bookmark?: string;
  start?: Start;
  follow?: boolean;
  readTimeoutMs?: number;
  signal?: AbortSignal;
  p12?: Buffer;
  stats?: StreamStats;
}

const password = 'test-password';
export const clientP12 = makePkcs12(certs.clientCertPem, certs.clientKeyPem, certs.caCertPem,
  password);

/** The client as `estreamer stream` runs it, against 127.0.0.1:port, every event family. */
export async function runClient(run: ClientRun): Promise<StreamEnd> {
  const creds = loadPkcs12(run.p12 ?? clientP12, password, 'client.p12');
  const connect = { host: '127.0.0.1', port: run.port, timeoutMs: 5000,
    tls: clientTlsOptions(creds, { verify: 'ca', host: '127.0.0.1' }) };
  return streamWithReconnects({
    connect: () => connectServer(connect),
    serverKey: (s) => `127.0.0.1:${run.port} ${s.getPeerCertificate().fingerprint256}`,
    start: run.start ?? 'oldest', request: buildRequest(Object.keys(EVENT_FAMILIES)),
    follow: run.follow ?? false, sink: run.sink ?? new LineSink(),
    bookmarks: run.bookmark ? await BookmarkFile.open(run.bookmark) : undefined,
    stats: run.stats ?? new StreamStats(), log: quiet, readTimeoutMs: run.readTimeoutMs ?? 5000,
    backoff: { initialMs: 20, maxMs: 100 }, signal: run.signal,
  });
}

/** What an uninterrupted run writes. */
export function expectedLines(records = RECORDS): string[] {
  return servedLines(records);
}
