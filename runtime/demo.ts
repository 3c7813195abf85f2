import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type TLSSocket } from 'node:tls';
import type { EStreamerRecord } from '../generated/types.js';
import { runClientSession, type SessionResult } from './client/session.js';
import type { RecordSink } from './output/sink.js';
import { EStreamerServer } from './server/server.js';
import { buildRequest, EVENT_FAMILIES, START_OLDEST } from './session/request.js';
import { clientTlsOptions, loadPkcs12File, makeCertificateSet, makePkcs12,
  serverTlsOptions } from './tls/index.js';

export interface DemoOptions {
  records: readonly EStreamerRecord[];
  sink: RecordSink;
  bundleSize?: number;
  log?: (event: Record<string, unknown>) => void;
}

/**
 * The main job on an embedded default: a fresh CA, server and client certificate; the
 * project's server on 127.0.0.1 serving `records`; the project's client connecting to it as it
 * would to an FMC, with the client certificate handed over as a password-protected PKCS12
 * file; every record to `sink`. Ends when the server has nothing more to send.
 */
export async function runDemo(opts: DemoOptions): Promise<SessionResult> {
  const certs = makeCertificateSet();
  const password = randomBytes(18).toString('base64url');
  const dir = mkdtempSync(join(tmpdir(), 'estreamer-demo-'));
  const p12 = join(dir, 'client.p12');
  writeFileSync(p12, makePkcs12(certs.clientCertPem, certs.clientKeyPem, certs.caCertPem,
    password), { mode: 0o600 });

  const server = new EStreamerServer({
    tls: serverTlsOptions({ caPem: certs.caCertPem, serverCertPem: certs.serverCertPem,
      serverKeyPem: certs.serverKeyPem }),
    port: 0, records: opts.records, bundleSize: opts.bundleSize ?? 50, log: opts.log,
  });
  try {
    const { port } = await server.listen();
    const creds = loadPkcs12File(p12, password);
    const socket = connect({ ...clientTlsOptions(creds, { verify: 'ca', host: '127.0.0.1' }),
      port });
    await once(socket, 'secureConnect');
    return await runClientSession({
      socket: socket as TLSSocket, start: START_OLDEST,
      request: buildRequest(Object.keys(EVENT_FAMILIES)), follow: false, sink: opts.sink,
      readTimeoutMs: 30_000,
    });
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
