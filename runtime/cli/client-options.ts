import { readFileSync } from 'node:fs';
import type { ConnectOptions } from '../client/connect.js';
import { EVENT_FAMILIES } from '../session/request.js';
import { createLogger } from '../log.js';
import {
  clientTlsOptions, loadPkcs12File, normalizeFingerprint, type ClientCredentials,
  type ServerVerification,
} from '../tls/index.js';
import type { OptionValues } from './config.js';
import { logFormat, portNumber, positiveInt } from './args.js';
import { readPassword } from './password.js';
import { UsageError } from './usage.js';

/** Options every command that connects to an FMC takes. */
export const CONNECT_OPTIONS = {
  config: { type: 'string' }, host: { type: 'string' }, port: { type: 'string' },
  pkcs12: { type: 'string' }, 'password-file': { type: 'string' },
  'password-env': { type: 'string' }, ca: { type: 'string' }, verify: { type: 'string' },
  fingerprint: { type: 'string' }, 'log-format': { type: 'string' },
  'timeout-ms': { type: 'string' },
} as const;

export interface Connection {
  connect: ConnectOptions;
  creds: ClientCredentials;
}

function verifyMode(v: OptionValues): ServerVerification {
  const mode = (v.verify as string | undefined) ?? (v.fingerprint ? 'fingerprint' : 'ca');
  if (mode !== 'ca' && mode !== 'fingerprint' && mode !== 'off') {
    throw new UsageError(`--verify takes ca, fingerprint or off, not '${mode}'`);
  }
  if (mode === 'fingerprint' && !v.fingerprint) {
    throw new UsageError('--verify fingerprint needs --fingerprint SHA256');
  }
  if (mode === 'fingerprint' && !normalizeFingerprint(v.fingerprint as string)) {
    throw new UsageError('--fingerprint takes a SHA-256 fingerprint, 64 hex digits (colons ' +
      `allowed), not '${String(v.fingerprint)}'`);
  }
  return mode;
}

/** CA certificates from --ca, refused at start-up when the file holds none. */
function caFile(file: string | undefined): string[] | undefined {
  if (file === undefined) return undefined;
  const pem = readFileSync(file, 'utf8');
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new UsageError(`--ca ${file}: no PEM certificate (-----BEGIN CERTIFICATE-----) in it`);
  }
  return [pem];
}

/** Host, port, credentials and TLS settings, checked before any connection is tried. */
export async function connection(v: OptionValues): Promise<Connection> {
  if (typeof v.host !== 'string') throw new UsageError('--host is required');
  if (typeof v.pkcs12 !== 'string') throw new UsageError('--pkcs12 FILE is required');
  const password = await readPassword({ file: v['password-file'] as string | undefined,
    env: v['password-env'] as string | undefined });
  const creds = loadPkcs12File(v.pkcs12, password);
  const verify = verifyMode(v);
  const caPems = caFile(v.ca as string | undefined);
  if (verify === 'ca' && !caPems && creds.caPems.length === 0) {
    throw new UsageError(`${v.pkcs12} holds no CA certificate to verify the server with; give ` +
      '--ca FILE or --verify fingerprint --fingerprint SHA256');
  }
  if (verify === 'off') {
    createLogger(logFormat(v)).log('warn', 'server certificate not verified (--verify off): ' +
      'anyone between here and the FMC can read and forge the events');
  }
  const tls = clientTlsOptions(creds, { verify, host: v.host, caPems,
    fingerprint: v.fingerprint as string | undefined });
  return {
    creds,
    connect: {
      host: v.host, port: clientPort(v.port as string | undefined), tls,
      pin: verify === 'fingerprint' ? v.fingerprint as string : undefined,
      timeoutMs: positiveInt(v['timeout-ms'] as string | undefined, '--timeout-ms', 15_000),
    },
  };
}

function clientPort(text: string | undefined): number {
  const port = portNumber(text, 8302);
  if (port === 0) throw new UsageError('--port takes 1 to 65535 for a client');
  return port;
}

export function families(list: string | undefined): string[] {
  const names = (list ?? Object.keys(EVENT_FAMILIES).join(',')).split(',').map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0) {
    throw new UsageError(`--events names no family; known: ${
      Object.keys(EVENT_FAMILIES).join(', ')}`);
  }
  for (const n of names) {
    if (!(n in EVENT_FAMILIES)) {
      throw new UsageError(`unknown event family '${n}'; known: ${
        Object.keys(EVENT_FAMILIES).join(', ')}`);
    }
  }
  return names;
}
