import type { TLSSocket } from 'node:tls';

/** Canonical "AB:CD:…" form of a SHA-256 fingerprint given with or without colons. */
export function normalizeFingerprint(fingerprint: string): string | undefined {
  const hex = fingerprint.replace(/[:\s]/g, '').toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) return undefined;
  return hex.match(/../g)?.join(':');
}

/**
 * The pinning step of `verify: 'fingerprint'`. Node runs `checkServerIdentity` only after the
 * chain verified, so a pin for a certificate from an unknown CA can only be checked once the
 * handshake is done: call this first thing in the 'secureConnect' handler and destroy the
 * socket with the returned error, before writing anything.
 */
export function verifyPinnedFingerprint(socket: TLSSocket, expected: string): Error | undefined {
  const pinned = normalizeFingerprint(expected);
  if (!pinned) return new Error(`pinned fingerprint ${expected} is not a SHA-256 fingerprint`);
  const actual = socket.getPeerCertificate().fingerprint256;
  if (!actual) return new Error('server sent no certificate to check the pinned fingerprint');
  if (actual.toUpperCase() === pinned) return undefined;
  const error = new Error(
    `server certificate fingerprint ${actual} does not match the pinned ${pinned}`,
  );
  return Object.assign(error, { code: 'ERR_TLS_FINGERPRINT_MISMATCH' });
}
