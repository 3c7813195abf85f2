import { execFileSync } from 'node:child_process';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecureContext } from 'node:tls';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCertificateSet, makePkcs12, type CertificateSet } from '../../runtime/tls/certs.js';
import { CredentialError } from '../../runtime/tls/credential-error.js';
import { fingerprint256, loadPkcs12, loadPkcs12File } from '../../runtime/tls/pkcs12.js';

const PASSWORD = 'fmc-issued';

let set: CertificateSet;
let modern: Buffer;
let legacy: Buffer;
let dir: string;

beforeAll(async () => {
  set = makeCertificateSet();
  modern = makePkcs12(set.clientCertPem, set.clientKeyPem, set.caCertPem, PASSWORD);
  legacy = makePkcs12(set.clientCertPem, set.clientKeyPem, set.caCertPem, PASSWORD, {
    legacy: true,
  });
  dir = await mkdtemp(join(tmpdir(), 'estreamer-p12-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Whether a Node started with `flags` loads the PKCS12 into a secure context. */
function loadsInChildNode(pfx: Buffer, flags: string[]): string {
  const script =
    "const pfx = Buffer.from(require('fs').readFileSync(0, 'utf8'), 'base64');" +
    "require('tls').createSecureContext({ pfx, passphrase: process.env.P12_PASSWORD });" +
    "process.stdout.write('loaded');";
  return execFileSync(process.execPath, [...flags, '-e', script], {
    input: pfx.toString('base64'),
    env: { ...process.env, P12_PASSWORD: PASSWORD },
  }).toString();
}

/** Runs `load`, expecting a CredentialError, and returns it for closer checks. */
function credentialError(load: () => unknown): CredentialError {
  try {
    load();
  } catch (e) {
    expect(e).toBeInstanceOf(CredentialError);
    return e as CredentialError;
  }
  throw new Error('expected a CredentialError, but loading succeeded');
}

/** A PFX forge builds from whatever parts a test wants (also none). */
function pfxOf(key: string | null, certs: string[], useMac = true): Buffer {
  const asn1 = forge.pkcs12.toPkcs12Asn1(
    key === null ? null : forge.pki.privateKeyFromPem(key),
    certs.map((pem) => forge.pki.certificateFromPem(pem)),
    PASSWORD,
    { algorithm: 'aes256', generateLocalKeyId: false, useMac },
  );
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

describe('native (OpenSSL 3) loading of the two PKCS12 layouts', () => {
  it('loads the modern AES-256 file', () => {
    expect(() => createSecureContext({ pfx: modern, passphrase: PASSWORD })).not.toThrow();
  });

  it('refuses the legacy RC2-40/3DES file', () => {
    expect(() => createSecureContext({ pfx: legacy, passphrase: PASSWORD })).toThrow(
      expect.objectContaining({
        code: 'ERR_CRYPTO_UNSUPPORTED_OPERATION',
        message: 'Unsupported PKCS12 PFX data',
      }),
    );
  });

  it('loads the legacy file once the legacy provider is on (so the file is well-formed)', () => {
    expect(loadsInChildNode(legacy, ['--openssl-legacy-provider'])).toBe('loaded');
  });
});

describe('loadPkcs12', () => {
  it.each([
    ['modern', () => modern],
    ['legacy', () => legacy],
  ])('extracts key, certificate and chain from the %s file', (_name, data) => {
    const creds = loadPkcs12(data(), PASSWORD, 'client.p12');
    expect(creds.certPem).toBe(new X509Certificate(set.clientCertPem).toString());
    expect(creds.caPems).toEqual([new X509Certificate(set.caCertPem).toString()]);
    expect(creds.commonName).toBe('127.0.0.1');
    expect(creds.fingerprint256).toBe(fingerprint256(set.clientCertPem));
    expect(creds.keyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    const key = createPrivateKey(creds.keyPem);
    expect(new X509Certificate(creds.certPem).checkPrivateKey(key)).toBe(true);
  });

  it('loads from a file', async () => {
    const path = join(dir, 'client.p12');
    await writeFile(path, legacy);
    expect(loadPkcs12File(path, PASSWORD).commonName).toBe('127.0.0.1');
  });

  it('reports a wrong password', () => {
    for (const data of [modern, legacy]) {
      const error = credentialError(() => loadPkcs12(data, 'guess', 'client.p12'));
      expect(error.code).toBe('wrong-password');
      expect(error.message).toBe('PKCS12 file client.p12: wrong password (MAC check failed)');
    }
  });

  it('reports a wrong password for a file without MAC, hedged', () => {
    const data = pfxOf(set.clientKeyPem, [set.clientCertPem], false);
    expect(loadPkcs12(data, PASSWORD, 'nomac.p12').commonName).toBe('127.0.0.1');
    const error = credentialError(() => loadPkcs12(data, 'guess', 'nomac.p12'));
    expect(error.code).toBe('wrong-password');
    expect(error.message).toMatch(
      /^PKCS12 file nomac\.p12: wrong password or damaged file \(no MAC to tell which\): /,
    );
  });

  it('reports a missing file', () => {
    const path = join(dir, 'absent.p12');
    const error = credentialError(() => loadPkcs12File(path, PASSWORD));
    expect(error.code).toBe('missing-file');
    expect(error.message).toBe(`PKCS12 file ${path}: not found`);
  });

  it('reports a file without a private key', () => {
    const data = pfxOf(null, [set.clientCertPem, set.caCertPem]);
    const error = credentialError(() => loadPkcs12(data, PASSWORD, 'certs-only.p12'));
    expect(error.code).toBe('no-private-key');
    expect(error.message).toBe('PKCS12 file certs-only.p12: holds no private key');
  });

  it('reports a file without a certificate', () => {
    const data = pfxOf(set.clientKeyPem, []);
    const error = credentialError(() => loadPkcs12(data, PASSWORD, 'key-only.p12'));
    expect(error.code).toBe('no-certificate');
    expect(error.message).toBe('PKCS12 file key-only.p12: holds no certificate');
  });

  it('reports a key that matches none of the certificates', () => {
    const data = makePkcs12(set.serverCertPem, set.clientKeyPem, set.caCertPem, PASSWORD);
    const error = credentialError(() => loadPkcs12(data, PASSWORD, 'mixed.p12'));
    expect(error.code).toBe('key-mismatch');
    expect(error.message).toBe(
      'PKCS12 file mixed.p12: private key matches none of its certificates ' +
        '(CN=127.0.0.1; CN=estreamer-ts test CA)',
    );
  });

  it('reports data that is not PKCS12, with a hint for PEM', () => {
    const der = new X509Certificate(set.caCertPem).raw;
    expect(credentialError(() => loadPkcs12(der, PASSWORD, 'ca.der')).message).toBe(
      'PKCS12 file ca.der: not a PKCS12 file',
    );
    const pem = Buffer.from(set.caCertPem);
    const error = credentialError(() => loadPkcs12(pem, PASSWORD, 'ca.pem'));
    expect(error.code).toBe('not-pkcs12');
    expect(error.message).toBe(
      'PKCS12 file ca.pem: not a PKCS12 file (it is PEM text; a binary DER .p12 is expected)',
    );
  });
});

describe('fingerprint256', () => {
  it('writes colon-separated uppercase SHA-256 hex', () => {
    expect(fingerprint256(set.caCertPem)).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });
});
