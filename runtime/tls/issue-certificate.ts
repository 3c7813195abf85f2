import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import forge from 'node-forge';

const { pki } = forge;

/** An RSA key pair in both forms: forge signs with it, TLS and PKCS12 files want the PEM. */
export interface KeyPair {
  privateKey: forge.pki.rsa.PrivateKey;
  publicKey: forge.pki.rsa.PublicKey;
  privateKeyPem: string;
}

/** The issuer of a certificate: its certificate (for the issuer name) and its key. */
export interface Issuer {
  cert: forge.pki.Certificate;
  key: KeyPair;
}

export interface CertificateRequest {
  commonName: string;
  key: KeyPair;
  notBefore: Date;
  notAfter: Date;
  /** forge extension descriptors for the role (CA, server, client). */
  extensions: object[];
  /** Absent for a self-signed certificate. */
  issuer?: Issuer;
}

/** RSA 2048 from node:crypto: forge's pure-JS prime search takes seconds per key. */
export function newKeyPair(): KeyPair {
  const pair = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return {
    privateKey: pki.privateKeyFromPem(pair.privateKey),
    publicKey: pki.publicKeyFromPem(pair.publicKey),
    privateKeyPem: pair.privateKey,
  };
}

/** Builds and signs (SHA-256) a certificate; the issuer's key signs, or the subject's own. */
export function issueCertificate(req: CertificateRequest): forge.pki.Certificate {
  const cert = pki.createCertificate();
  cert.publicKey = req.key.publicKey;
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = req.notBefore;
  cert.validity.notAfter = req.notAfter;
  const subject = [{ name: 'commonName', value: req.commonName }];
  cert.setSubject(subject);
  cert.setIssuer(req.issuer ? req.issuer.cert.subject.attributes : subject);
  cert.setExtensions([...req.extensions, ...keyIdentifiers(req.issuer)]);
  cert.sign((req.issuer?.key ?? req.key).privateKey, forge.md.sha256.create());
  return cert;
}

export function caExtensions(): object[] {
  return [
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
  ];
}

/** IP hosts become IP SANs and names DNS SANs: appliances are usually reached by address. */
export function serverExtensions(hosts: string[]): object[] {
  const altNames = hosts.map((host) =>
    isIP(host) ? { type: 7, ip: host } : { type: 2, value: host },
  );
  return [
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames },
  ];
}

export function clientExtensions(): object[] {
  return [
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', clientAuth: true },
  ];
}

/** Key identifiers let OpenSSL pick the right issuer when several CAs share a name. */
function keyIdentifiers(issuer?: Issuer): object[] {
  const own = { name: 'subjectKeyIdentifier' };
  if (!issuer) return [own];
  const issuerId = issuer.cert.generateSubjectKeyIdentifier().getBytes();
  return [own, { name: 'authorityKeyIdentifier', keyIdentifier: issuerId }];
}

/** 16 random bytes with the top bit clear: serials must be positive and unique per CA. */
function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.toString('hex');
}
