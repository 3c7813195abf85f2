import type { ConnectionOptions, TlsOptions } from 'node:tls';
import { checkApplianceIdentity } from './host-check.js';
import { normalizeFingerprint } from './pinning.js';
import type { ClientCredentials } from './pkcs12.js';

/**
 * How the client checks the server: against CA certificates (and the host), against a pinned
 * SHA-256 fingerprint (see verifyPinnedFingerprint), or not at all.
 */
export type ServerVerification = 'ca' | 'fingerprint' | 'off';

export interface ClientTlsSettings {
  /** Trusted CAs; default: the chain inside the client PKCS12, which an FMC fills with its CA. */
  caPems?: string[];
  verify: ServerVerification;
  /** Required for verify 'fingerprint'; colons optional. */
  fingerprint?: string;
  /** The appliance's address or name, as connected to. */
  host: string;
}

export interface ServerFiles {
  caPem: string;
  serverCertPem: string;
  serverKeyPem: string;
}

/**
 * Options for tls.connect; add `port`. With verify 'fingerprint' the handshake accepts any
 * certificate, so the caller must run verifyPinnedFingerprint on 'secureConnect'.
 */
export function clientTlsOptions(
  creds: ClientCredentials,
  opts: ClientTlsSettings,
): ConnectionOptions {
  const base: ConnectionOptions = {
    host: opts.host,
    minVersion: 'TLSv1.2',
    key: creds.keyPem,
    cert: creds.certPem,
  };
  switch (opts.verify) {
    case 'ca':
      return {
        ...base,
        ca: trustedCas(creds, opts),
        rejectUnauthorized: true,
        checkServerIdentity: checkApplianceIdentity,
      };
    case 'fingerprint':
      requirePin(opts.fingerprint);
      return { ...base, rejectUnauthorized: false };
    case 'off':
      return { ...base, rejectUnauthorized: false };
  }
}

/** Options for tls.createServer; clients must present a certificate from `caPem` by default. */
export function serverTlsOptions(
  files: ServerFiles,
  opts: { requireClientCert?: boolean } = {},
): TlsOptions {
  const requireClientCert = opts.requireClientCert ?? true;
  return {
    minVersion: 'TLSv1.2',
    ca: [files.caPem],
    cert: files.serverCertPem,
    key: files.serverKeyPem,
    requestCert: requireClientCert,
    rejectUnauthorized: requireClientCert,
  };
}

/** With no CA every server would be refused; say so at set-up, not as a failed handshake. */
function trustedCas(creds: ClientCredentials, opts: ClientTlsSettings): string[] {
  const cas = opts.caPems ?? creds.caPems;
  if (cas.length > 0) return cas;
  throw new Error(
    "clientTlsOptions: verify 'ca' needs CA certificates; none were given and the PKCS12 " +
      'holds no chain',
  );
}

/** Checked here so a typo in the pin fails at start-up, not as a refused connection. */
function requirePin(fingerprint: string | undefined): void {
  if (fingerprint !== undefined && normalizeFingerprint(fingerprint)) return;
  throw new Error(
    `clientTlsOptions: verify 'fingerprint' needs a SHA-256 fingerprint (64 hex digits), ` +
      `got ${fingerprint === undefined ? 'none' : JSON.stringify(fingerprint)}`,
  );
}
