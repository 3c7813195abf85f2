import { readFileSync } from 'node:fs';
import type { ConnectOptions } from '../client/connect.js';
import { EVENT_FAMILIES } from '../session/request.js';
import {
  clientTlsOptions, loadPkcs12File, type ClientCredentials, type ServerVerification,
} from '../tls/index.js';
import type { OptionValues } from './config.js';
import { portNumber, positiveInt } from './args.js';
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
  return mode;
}

/** Host, port, credentials and TLS settings, checked before any connection is tried. */
export async function connection(v: OptionValues): Promise<Connection> {
  if (typeof v.host !== 'string') throw new UsageError('--host is required');
  if (typeof v.pkcs12 !== 'string') throw new UsageError('--pkcs12 FILE is required');
  const password = await readPassword({ file: v['password-file'] as string | undefined,
    env: v['password-env'] as string | undefined });
  const creds = loadPkcs12File(v.pkcs12, password);
  const verify = verifyMode(v);
  const caPems = typeof v.ca === 'string' ? [readFileSync(v.ca, 'utf8')] : undefined;
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
