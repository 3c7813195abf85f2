import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecureContext } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateCertDir, type CertDirFiles } from '../../runtime/tls/cert-dir.js';
import { CredentialError } from '../../runtime/tls/credential-error.js';
import { clientTlsOptions, serverTlsOptions } from '../../runtime/tls/options.js';
import { loadPkcs12File } from '../../runtime/tls/pkcs12.js';
import { exchange, startGreetingServer } from './tls-harness.js';

let root: string;
let dir: string;
let first: CertDirFiles;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'estreamer-certdir-'));
  dir = join(root, 'certs');
  first = await loadOrCreateCertDir(dir);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const mode = async (path: string) => (await stat(path)).mode & 0o777;

describe('loadOrCreateCertDir', () => {
  it('creates the five files, secrets owner-only, and no leftovers', async () => {
    expect(first.created).toBe(true);
    expect((await readdir(dir)).sort()).toEqual([
      'ca.pem',
      'client.p12',
      'client.pass',
      'server.key',
      'server.pem',
    ]);
    expect(await mode(first.paths.serverKey)).toBe(0o600);
    expect(await mode(first.paths.clientP12)).toBe(0o600);
    expect(await mode(first.paths.clientPass)).toBe(0o600);
    expect((await mode(first.paths.ca)) & 0o022).toBe(0);
    expect(first.clientPassword).toMatch(/^[\w-]{24}$/);
  });

  it('reuses the files on a second call', async () => {
    const second = await loadOrCreateCertDir(dir);
    expect(second.created).toBe(false);
    expect(second.caPem).toBe(first.caPem);
    expect(second.serverKeyPem).toBe(first.serverKeyPem);
    expect(second.clientPassword).toBe(first.clientPassword);
    expect(second.clientP12.equals(first.clientP12)).toBe(true);
  });

  it('holds a working server and client pair', async () => {
    const creds = loadPkcs12File(first.paths.clientP12, first.clientPassword);
    const server = await startGreetingServer(serverTlsOptions(first));
    try {
      const options = clientTlsOptions(creds, { verify: 'ca', host: '127.0.0.1' });
      const result = await exchange({ ...options, port: server.port }, 'ping');
      expect(result.reply).toBe('hello 127.0.0.1, you said ping');
    } finally {
      await server.close();
    }
  });

  it('refuses a directory with only some of the files', async () => {
    const partial = join(root, 'partial');
    await mkdir(partial);
    for (const name of ['ca.pem', 'server.pem', 'client.p12', 'client.pass']) {
      await writeFile(join(partial, name), 'placeholder');
    }
    const refusal = loadOrCreateCertDir(partial);
    await expect(refusal).rejects.toBeInstanceOf(CredentialError);
    await expect(refusal).rejects.toThrow(
      `certificate directory ${partial}: has ca.pem, server.pem, client.p12, client.pass ` +
        'but lacks server.key; remove the directory to have it recreated, ' +
        'or supply the missing files',
    );
  });

  it('writes the legacy layout on request, which OpenSSL 3 refuses natively', async () => {
    const made = await loadOrCreateCertDir(join(root, 'legacy'), { legacyP12: true });
    const native = () =>
      createSecureContext({ pfx: made.clientP12, passphrase: made.clientPassword });
    expect(native).toThrow('Unsupported PKCS12 PFX data');
    expect(loadPkcs12File(made.paths.clientP12, made.clientPassword).caPems).toHaveLength(1);
  });
});
