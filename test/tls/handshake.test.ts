import { connect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCertificateSet, makePkcs12, type CertificateSet } from '../../runtime/tls/certs.js';
import { clientTlsOptions, serverTlsOptions } from '../../runtime/tls/options.js';
import { verifyPinnedFingerprint } from '../../runtime/tls/pinning.js';
import { fingerprint256, loadPkcs12, type ClientCredentials } from '../../runtime/tls/pkcs12.js';
import { exchange, startGreetingServer, type GreetingServer } from './tls-harness.js';

const DAY_MS = 24 * 60 * 60 * 1000;

let good: CertificateSet;
let creds: ClientCredentials;
/** Servers whose certificate the client must refuse, each for its own reason. */
let foreign: CertificateSet;
let expired: CertificateSet;
let named: CertificateSet;
const servers: GreetingServer[] = [];

beforeAll(() => {
  good = makeCertificateSet();
  foreign = makeCertificateSet();
  expired = makeCertificateSet({
    notBefore: new Date(Date.now() - 3 * DAY_MS),
    notAfter: new Date(Date.now() - DAY_MS),
  });
  named = makeCertificateSet({ hosts: ['fmc.example'] });
  const p12 = makePkcs12(good.clientCertPem, good.clientKeyPem, good.caCertPem, 'secret');
  creds = loadPkcs12(p12, 'secret', 'client.p12');
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

/** A server that trusts `good`'s CA for clients but presents `serverSet`'s certificate. */
async function serverWith(serverSet: CertificateSet): Promise<number> {
  const files = {
    caPem: good.caCertPem,
    serverCertPem: serverSet.serverCertPem,
    serverKeyPem: serverSet.serverKeyPem,
  };
  const server = await startGreetingServer(serverTlsOptions(files));
  servers.push(server);
  return server.port;
}

describe('mutual TLS between serverTlsOptions and clientTlsOptions', () => {
  it('completes a handshake and exchanges bytes both ways', async () => {
    const port = await serverWith(good);
    const options = clientTlsOptions(creds, { verify: 'ca', host: '127.0.0.1' });
    const result = await exchange({ ...options, port }, 'ping');
    expect(result.reply).toBe('hello 127.0.0.1, you said ping');
    expect(['TLSv1.2', 'TLSv1.3']).toContain(result.protocol);
  });

  it('accepts a DNS SAN when connecting by name', async () => {
    const port = await serverWith(good);
    const options = clientTlsOptions(creds, { verify: 'ca', host: 'localhost' });
    // Dial the address the server listens on; the identity check follows the servername.
    const dialed = { ...options, host: '127.0.0.1', servername: 'localhost', port };
    const result = await exchange(dialed, 'x');
    expect(result.reply).toBe('hello 127.0.0.1, you said x');
  });

  it('refuses a client without a certificate on the server side', async () => {
    const port = await serverWith(good);
    const bare = { host: '127.0.0.1', port, ca: [good.caCertPem] };
    // TLS 1.3: the client learns of the refusal by alert after its side of the handshake.
    await expect(exchange(bare, 'ping')).rejects.toMatchObject({
      code: 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED',
    });
  });
});

describe('server verification against CAs', () => {
  it('refuses a server certificate signed by another CA', async () => {
    const port = await serverWith(foreign);
    const options = clientTlsOptions(creds, { verify: 'ca', host: '127.0.0.1' });
    await expect(exchange({ ...options, port }, 'ping')).rejects.toMatchObject({
      code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    });
  });

  it('refuses an expired server certificate', async () => {
    const port = await serverWith(expired);
    const options = clientTlsOptions(creds, {
      verify: 'ca',
      host: '127.0.0.1',
      caPems: [expired.caCertPem],
    });
    await expect(exchange({ ...options, port }, 'ping')).rejects.toMatchObject({
      code: 'CERT_HAS_EXPIRED',
    });
  });

  it('refuses a server certificate that names neither the IP in SAN nor in CN', async () => {
    const port = await serverWith(named);
    const options = clientTlsOptions(creds, {
      verify: 'ca',
      host: '127.0.0.1',
      caPems: [named.caCertPem],
    });
    const refusal = exchange({ ...options, port }, 'ping');
    await expect(refusal).rejects.toMatchObject({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
    await expect(refusal).rejects.toThrow(
      'server certificate does not name host 127.0.0.1 ' +
        '(it holds CN=fmc.example; SAN DNS:fmc.example)',
    );
  });

  it('refuses to build options for CA checking without any CA', () => {
    const chainless = { ...creds, caPems: [] };
    expect(() => clientTlsOptions(chainless, { verify: 'ca', host: '127.0.0.1' })).toThrow(
      "clientTlsOptions: verify 'ca' needs CA certificates",
    );
  });
});

describe('fingerprint pinning', () => {
  const pinned = (fingerprint: string) =>
    clientTlsOptions(creds, { verify: 'fingerprint', fingerprint, host: '127.0.0.1' });

  it('accepts the pinned certificate even from an unknown CA', async () => {
    const port = await serverWith(foreign);
    const pin = fingerprint256(foreign.serverCertPem);
    const result = await exchange({ ...pinned(pin), port }, 'ping', (socket) =>
      verifyPinnedFingerprint(socket, pin.replace(/:/g, '').toLowerCase()),
    );
    expect(result.reply).toBe('hello 127.0.0.1, you said ping');
  });

  it('refuses a certificate with another fingerprint', async () => {
    const port = await serverWith(foreign);
    const pin = fingerprint256(good.serverCertPem);
    const refusal = exchange({ ...pinned(pin), port }, 'ping', (socket) =>
      verifyPinnedFingerprint(socket, pin),
    );
    await expect(refusal).rejects.toMatchObject({ code: 'ERR_TLS_FINGERPRINT_MISMATCH' });
    await expect(refusal).rejects.toThrow(`does not match the pinned ${pin}`);
  });

  it('refuses to build options without a well-formed pin', () => {
    expect(() => pinned('AB:CD')).toThrow(
      "clientTlsOptions: verify 'fingerprint' needs a SHA-256 fingerprint (64 hex digits), " +
        'got "AB:CD"',
    );
  });
});

describe('verification off', () => {
  it('connects to any server when asked explicitly', async () => {
    const port = await serverWith(foreign);
    const options = clientTlsOptions(creds, { verify: 'off', host: '127.0.0.1' });
    const socket = connect({ ...options, port });
    await new Promise((resolve, reject) => {
      socket.once('secureConnect', resolve);
      socket.once('error', reject);
    });
    expect(socket.authorized).toBe(false);
    socket.destroy();
  });
});
