import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FullHostProfile53 } from '../../generated/types.js';
import { connectServer } from '../../runtime/client/connect.js';
import { requestHosts, type HostProfile } from '../../runtime/client/host-request.js';
import { sampleHosts } from '../../runtime/samples/hosts.js';
import { EStreamerServer } from '../../runtime/server/server.js';
import { clientTlsOptions, loadPkcs12, serverTlsOptions } from '../../runtime/tls/index.js';
import { certs, clientP12, RECORDS } from './harness.js';

const hosts = sampleHosts(30);
let server: EStreamerServer;
let port: number;

beforeAll(async () => {
  server = new EStreamerServer({ port: 0, records: RECORDS, hosts,
    tls: serverTlsOptions({ caPem: certs.caCertPem, serverCertPem: certs.serverCertPem,
      serverKeyPem: certs.serverKeyPem }) });
  port = (await server.listen()).port;
});

afterAll(() => server.close());

async function ask(start: string, end?: string): Promise<HostProfile[]> {
  const creds = loadPkcs12(clientP12, 'test-password', 'client.p12');
  const socket = await connectServer({ host: '127.0.0.1', port, timeoutMs: 5000,
    tls: clientTlsOptions(creds, { verify: 'ca', host: '127.0.0.1' }) });
  const got: HostProfile[] = [];
  await requestHosts(socket, { start, end }, (p) => got.push(p));
  return got;
}

const first = (p: HostProfile) => (p as FullHostProfile53).ipAddresses[0]!.ipAddress;

describe('host requests', () => {
  it('returns the full profile of a single host, every nested block intact', async () => {
    const got = await ask('10.1.0.7');
    expect(got).toEqual([hosts[6]]);
    expect(first(got[0]!)).toBe('10.1.0.7');
  });

  it('returns one profile per host of an address range', async () => {
    const got = await ask('10.1.0.5', '10.1.0.12');
    expect(got.map(first)).toEqual(['5', '6', '7', '8', '9', '10', '11', '12']
      .map((n) => `10.1.0.${n}`));
  });

  it('returns nothing for an address no host has', async () => {
    expect(await ask('192.0.2.1')).toEqual([]);
  });
});
