import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import forge from 'node-forge';
import { CredentialError } from './credential-error.js';

const { asn1, pki } = forge;

/** What a client needs from its PKCS12 to authenticate, all PEM and held in memory only. */
export interface ClientCredentials {
  /** PKCS#8 PEM. */
  keyPem: string;
  /** The certificate that matches the key. */
  certPem: string;
  /** The other certificates in the file, normally the issuing CA. */
  caPems: string[];
  commonName: string;
  /** SHA-256 of the client certificate, as Node's X509Certificate.fingerprint256 writes it. */
  fingerprint256: string;
}

/**
 * Reads the client PKCS12 with forge rather than OpenSSL: Node cannot hand the key out of a
 * pfx, and OpenSSL 3 refuses the RC2-40/3DES files older FMCs issue.
 */
export function loadPkcs12File(path: string, password: string): ClientCredentials {
  return loadPkcs12(readPkcs12(path), password, path);
}

/** `source` names the data in error messages, normally its file path. */
export function loadPkcs12(data: Buffer, password: string, source: string): ClientCredentials {
  const pfx = decodePfx(data, password, source);
  const keys = bagsOf(pfx, pki.oids.pkcs8ShroudedKeyBag).concat(bagsOf(pfx, pki.oids.keyBag));
  const certs = bagsOf(pfx, pki.oids.certBag).map((bag) => certificateOf(bag, source));
  // TODO(pkcs12-multikey): only the first key is used; FMC client files hold exactly one.
  const keyBag = keys[0];
  if (!keyBag) throw new CredentialError('no-private-key', source, 'holds no private key');
  if (certs.length === 0) {
    throw new CredentialError('no-certificate', source, 'holds no certificate');
  }
  const key = privateKeyOf(keyBag, source);
  const leaf = certs.find((cert) => cert.checkPrivateKey(key));
  if (!leaf) throw mismatch(source, certs);
  return {
    keyPem: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
    certPem: leaf.toString(),
    caPems: certs.filter((cert) => cert !== leaf).map((cert) => cert.toString()),
    commonName: commonNameOf(leaf.subject),
    fingerprint256: leaf.fingerprint256,
  };
}

/** Colon-separated uppercase hex SHA-256 of a PEM certificate, e.g. "AB:CD:…". */
export function fingerprint256(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256;
}

function readPkcs12(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CredentialError('missing-file', path, 'not found');
    throw new CredentialError('unreadable-file', path, `cannot read (${code ?? String(e)})`);
  }
}

function decodePfx(data: Buffer, password: string, source: string): forge.pkcs12.Pkcs12Pfx {
  let outer: forge.asn1.Asn1;
  try {
    outer = asn1.fromDer(data.toString('binary'));
  } catch {
    throw notPkcs12(data, source);
  }
  try {
    return forge.pkcs12.pkcs12FromAsn1(outer, password);
  } catch (e) {
    const hasMac = Array.isArray(outer.value) && outer.value.length > 2;
    throw classifyForgeError(e instanceof Error ? e.message : String(e), hasMac, data, source);
  }
}

/**
 * forge throws plain Errors, so its messages are all there is to tell a bad password from a
 * malformed file. Without a MAC, a wrong password shows only as garbage after decryption, and
 * forge's padding check is too weak to fail reliably, so any later fault may be the password.
 */
function classifyForgeError(
  message: string,
  hasMac: boolean,
  data: Buffer,
  source: string,
): CredentialError {
  if (message.includes('not an PKCS#12 PFX')) return notPkcs12(data, source);
  if (message.includes('MAC could not be verified')) {
    return new CredentialError('wrong-password', source, 'wrong password (MAC check failed)');
  }
  if (!hasMac) {
    const reason = `wrong password or damaged file (no MAC to tell which): ${message}`;
    return new CredentialError('wrong-password', source, reason);
  }
  return new CredentialError('unsupported-pkcs12', source, `cannot be read: ${message}`);
}

function notPkcs12(data: Buffer, source: string): CredentialError {
  const pem = data.subarray(0, 64).toString('latin1').includes('-----BEGIN');
  const hint = pem ? ' (it is PEM text; a binary DER .p12 is expected)' : '';
  return new CredentialError('not-pkcs12', source, `not a PKCS12 file${hint}`);
}

function bagsOf(pfx: forge.pkcs12.Pkcs12Pfx, bagType: string): forge.pkcs12.Bag[] {
  return pfx.getBags({ bagType })[bagType] ?? [];
}

/** forge parses RSA keys only and leaves others (EC) as raw PrivateKeyInfo; Node takes both. */
function privateKeyOf(bag: forge.pkcs12.Bag, source: string): KeyObject {
  const info = bag.key ? pki.wrapRsaPrivateKey(pki.privateKeyToAsn1(bag.key)) : bag.asn1;
  const der = Buffer.from(asn1.toDer(info).getBytes(), 'binary');
  return parsedByNode(source, 'private key', () =>
    createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }),
  );
}

/** Likewise for certificates: forge keeps the ASN.1 of those whose key it cannot parse. */
function certificateOf(bag: forge.pkcs12.Bag, source: string): X509Certificate {
  const cert = bag.cert ? pki.certificateToAsn1(bag.cert) : bag.asn1;
  const der = Buffer.from(asn1.toDer(cert).getBytes(), 'binary');
  return parsedByNode(source, 'certificate', () => new X509Certificate(der));
}

function parsedByNode<T>(source: string, what: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    const reason = `${what} cannot be read: ${e instanceof Error ? e.message : String(e)}`;
    throw new CredentialError('unsupported-pkcs12', source, reason);
  }
}

function mismatch(source: string, certs: X509Certificate[]): CredentialError {
  const subjects = certs.map((cert) => cert.subject.replace(/\n/g, ', ')).join('; ');
  const reason = `private key matches none of its certificates (${subjects})`;
  return new CredentialError('key-mismatch', source, reason);
}

/** X509Certificate.subject is one "KEY=value" per line; the last CN is the most specific. */
function commonNameOf(subject: string): string {
  const names = subject.split('\n').filter((line) => line.startsWith('CN='));
  return names.at(-1)?.slice(3) ?? '';
}
