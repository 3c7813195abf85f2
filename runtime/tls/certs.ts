import forge from 'node-forge';
import {
  caExtensions,
  clientExtensions,
  issueCertificate,
  newKeyPair,
  serverExtensions,
} from './issue-certificate.js';
import { legacyPkcs12Der } from './legacy-pkcs12.js';

const { pki } = forge;

/** A private CA with one server and one client certificate, all PEM, all in memory. */
export interface CertificateSet {
  caCertPem: string;
  caKeyPem: string;
  serverCertPem: string;
  serverKeyPem: string;
  clientCertPem: string;
  clientKeyPem: string;
}

export interface CertificateSetOptions {
  /** Server SAN entries, IPs as IP SANs and names as DNS SANs; the first is also the CN. */
  hosts?: string[];
  /** FMCs issue client certificates for the client's IP address, hence the default. */
  clientCommonName?: string;
  /** Validity of the server and client certificates from now; default 365. */
  days?: number;
  /** Overrides for the leaf certificates, e.g. to make an expired server certificate. */
  notBefore?: Date;
  notAfter?: Date;
}

export interface Pkcs12Options {
  /** OpenSSL 1.x layout (3DES key, RC2-40 certificates) that OpenSSL 3 refuses by default. */
  legacy?: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Backdating absorbs clock skew between the machine that issues and the one that checks. */
const SKEW_MS = 5 * 60 * 1000;

export function makeCertificateSet(opts: CertificateSetOptions = {}): CertificateSet {
  const hosts = opts.hosts ?? ['127.0.0.1', 'localhost'];
  const serverName = hosts[0];
  if (serverName === undefined) throw new Error('makeCertificateSet: hosts must not be empty');
  const notBefore = opts.notBefore ?? new Date(Date.now() - SKEW_MS);
  const notAfter = opts.notAfter ?? new Date(notBefore.getTime() + (opts.days ?? 365) * DAY_MS);
  const ca = makeCa(notBefore, notAfter);
  const leaf = (commonName: string, extensions: object[]) => {
    const key = newKeyPair();
    const cert = issueCertificate({ commonName, key, notBefore, notAfter, extensions, issuer: ca });
    return { certPem: pki.certificateToPem(cert), keyPem: key.privateKeyPem };
  };
  const server = leaf(serverName, serverExtensions(hosts));
  const client = leaf(opts.clientCommonName ?? '127.0.0.1', clientExtensions());
  return {
    caCertPem: pki.certificateToPem(ca.cert),
    caKeyPem: ca.key.privateKeyPem,
    serverCertPem: server.certPem,
    serverKeyPem: server.keyPem,
    clientCertPem: client.certPem,
    clientKeyPem: client.keyPem,
  };
}

/**
 * The CA outlives its leaves on both ends, so that an expired or not-yet-valid leaf is the
 * only fault a test sees.
 */
function makeCa(leafNotBefore: Date, leafNotAfter: Date) {
  const key = newKeyPair();
  const now = Date.now();
  const cert = issueCertificate({
    commonName: 'estreamer-ts test CA',
    key,
    notBefore: new Date(Math.min(leafNotBefore.getTime(), now) - DAY_MS),
    notAfter: new Date(Math.max(leafNotAfter.getTime(), now) + DAY_MS),
    extensions: caExtensions(),
  });
  return { cert, key };
}

/** The client PKCS12 as an FMC hands it out: key, certificate and CA chain under one password. */
export function makePkcs12(
  certPem: string,
  keyPem: string,
  caPem: string,
  password: string,
  opts: Pkcs12Options = {},
): Buffer {
  const key = pki.privateKeyFromPem(keyPem);
  const chain = [pki.certificateFromPem(certPem), pki.certificateFromPem(caPem)];
  const der = opts.legacy
    ? legacyPkcs12Der(key, chain, password)
    : forge.asn1.toDer(pkcs12Asn1(key, chain, password)).getBytes();
  return Buffer.from(der, 'binary');
}

function pkcs12Asn1(key: forge.pki.rsa.PrivateKey, chain: forge.pki.Certificate[], pw: string) {
  return forge.pkcs12.toPkcs12Asn1(key, chain, pw, { algorithm: 'aes256', count: 2048 });
}
