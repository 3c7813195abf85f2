import { connect as tcpConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { verifyPinnedFingerprint } from '../tls/pinning.js';

export type ConnectStage = 'tcp' | 'tls' | 'verify';

/** A connection that failed, with the stage that failed, for a message a person can act on. */
export class ConnectError extends Error {
  override readonly name = 'ConnectError';

  constructor(readonly stage: ConnectStage, message: string, readonly code?: string) {
    super(message);
  }
}

export interface ConnectOptions {
  host: string;
  port: number;
  tls: ConnectionOptions;
  /** SHA-256 fingerprint the server certificate must have (verify mode 'fingerprint'). */
  pin?: string;
  timeoutMs: number;
}

/** Certificate problems a retry cannot fix; the client stops on these instead of looping. */
const CERTIFICATE_CODES = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN',
  'ERR_TLS_CERT_ALTNAME_INVALID', 'ERR_TLS_FINGERPRINT_MISMATCH', 'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_SIGNATURE_FAILURE', 'CERT_REVOKED']);

export function isCertificateFailure(err: unknown): boolean {
  return err instanceof ConnectError && err.stage !== 'tcp' &&
    err.code !== undefined && CERTIFICATE_CODES.has(err.code);
}

function stageOf<T extends Socket>(socket: T, event: string, timeoutMs: number,
  what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`${what}: no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once(event, () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/**
 * TCP, then TLS, each with its own failure message; then the pinned fingerprint, when one is
 * set. The returned socket is authenticated and ready for the first request.
 */
export async function connectServer(opts: ConnectOptions): Promise<TLSSocket> {
  const where = `${opts.host}:${opts.port}`;
  const tcp = tcpConnect({ host: opts.host, port: opts.port });
  try {
    await stageOf(tcp, 'connect', opts.timeoutMs, `TCP connect to ${where}`);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new ConnectError('tcp', `TCP connect to ${where} failed: ${e.message}`, e.code);
  }
  const socket = tlsConnect({ ...opts.tls, socket: tcp, servername: undefined });
  try {
    await stageOf(socket, 'secureConnect', opts.timeoutMs, `TLS handshake with ${where}`);
  } catch (err) {
    tcp.destroy();
    const e = err as NodeJS.ErrnoException;
    throw new ConnectError('tls', `TLS handshake with ${where} failed: ${e.message}`, e.code);
  }
  if (opts.pin) {
    const bad = verifyPinnedFingerprint(socket, opts.pin);
    if (bad) {
      socket.destroy();
      throw new ConnectError('verify', `server ${where}: ${bad.message}`,
        (bad as NodeJS.ErrnoException).code);
    }
  }
  return socket;
}
