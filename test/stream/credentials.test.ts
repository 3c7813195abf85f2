import { afterEach, describe, expect, it } from 'vitest';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:tls';
import { connectServer, ConnectError } from '../../runtime/client/connect.js';
import { runClientSession } from '../../runtime/client/session.js';
import { buildRequest } from '../../runtime/session/request.js';
import type { EStreamerServer } from '../../runtime/server/server.js';
import {
  clientTlsOptions, loadPkcs12, makeCertificateSet, makePkcs12, serverTlsOptions,
} from '../../runtime/tls/index.js';
import {
  certs, clientP12, expectedLines, LineSink, runClient, startServer,
} from './harness.js';

let server: EStreamerServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(opts: Parameters<typeof startServer>[0] = {}): Promise<number> {
  server = startServer(opts);
  return (await server.listen()).port;
}

describe('credentials and server verification', () => {
  it('streams with a legacy-encrypted PKCS12 (RC2-40/3DES) that Node cannot load natively',
    async () => {
      const legacy = makePkcs12(certs.clientCertPem, certs.clientKeyPem, certs.caCertPem,
        'test-password', { legacy: true });
      expect(legacy.equals(clientP12)).toBe(false);
      const sink = new LineSink();
      expect(await runClient({ port: await serve(), sink, p12: legacy })).toBe('idle');
      expect(sink.lines).toEqual(expectedLines());
    });

  it('refuses a wrong PKCS12 password with its own message', () => {
    expect(() => loadPkcs12(clientP12, 'not-it', 'client.p12')).toThrow(
      'PKCS12 file client.p12: wrong password (MAC check failed)');
  });

  it('refuses a server whose certificate comes from another CA, and does not retry', async () => {
    const foreign = makeCertificateSet();
    const port = await serve({ serverCerts: { ...certs, serverCertPem: foreign.serverCertPem,
      serverKeyPem: foreign.serverKeyPem } });
    const err = await runClient({ port }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectError);
    expect((err as ConnectError).stage).toBe('tls');
    expect((err as ConnectError).code).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    expect((err as Error).message).toBe(`TLS handshake with 127.0.0.1:${port} failed: ` +
      'unable to verify the first certificate');
  });

  it('explains a server that closes right after the handshake, as FMCs do for a wrong address',
    async () => {
      const tlsServer = createServer(serverTlsOptions({ caPem: certs.caCertPem,
        serverCertPem: certs.serverCertPem, serverKeyPem: certs.serverKeyPem }),
      (socket) => socket.end());
      tlsServer.listen(0, '127.0.0.1');
      await once(tlsServer, 'listening');
      const creds = loadPkcs12(clientP12, 'test-password', 'client.p12');
      const socket = await connectServer({ host: '127.0.0.1',
        port: (tlsServer.address() as AddressInfo).port, timeoutMs: 5000,
        tls: clientTlsOptions(creds, { verify: 'ca', host: '127.0.0.1' }) });
      const err = await runClientSession({ socket, start: 0, request: buildRequest([]),
        follow: false, sink: new LineSink(), readTimeoutMs: 5000 }).catch((e: unknown) => e);
      tlsServer.close();
      expect((err as Error).message).toBe('the server closed the connection right after the ' +
        'TLS handshake (certificate CN=127.0.0.1, local address 127.0.0.1); they match here, ' +
        'so check that the FMC lists this client for eStreamer');
    });

  it('refuses an expired server certificate', async () => {
    const day = 24 * 3600 * 1000;
    const old = makeCertificateSet({ notBefore: new Date(Date.now() - 30 * day),
      notAfter: new Date(Date.now() - day) });
    const p12 = makePkcs12(old.clientCertPem, old.clientKeyPem, old.caCertPem, 'test-password');
    const port = await serve({ serverCerts: old });
    const err = await runClient({ port, p12 }).catch((e: unknown) => e);
    expect((err as ConnectError).code).toBe('CERT_HAS_EXPIRED');
    expect((err as Error).message).toBe(`TLS handshake with 127.0.0.1:${port} failed: ` +
      'certificate has expired');
  });
});
