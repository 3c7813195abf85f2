import { parseArgs } from 'node:util';
import type { TLSSocket } from 'node:tls';
import { connectServer, ConnectError } from '../client/connect.js';
import { runClientSession } from '../client/session.js';
import { ArraySink } from '../output/sink.js';
import { buildRequest, START_NOW } from '../session/request.js';
import { CONNECT_OPTIONS, connection } from './client-options.js';
import { withConfig } from './config.js';

/** eNcore's probe waits 2 s for a first message; an FMC answers at once. */
const FIRST_MESSAGE_MS = 5000;

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

function line(c: Check): string {
  return `${c.ok ? 'ok  ' : 'FAIL'}  ${c.name}: ${c.detail}`;
}

function certificateDetail(socket: TLSSocket): string {
  const cert = socket.getPeerCertificate();
  return `${socket.getProtocol()}, server certificate CN=${cert.subject?.CN ?? '?'} issued by ` +
    `CN=${cert.issuer?.CN ?? '?'}, valid to ${cert.valid_to}, SHA-256 ${cert.fingerprint256}`;
}

/** Connects as `stream` would, one stage at a time, and asks for nothing but a first message. */
async function probe(connect: Parameters<typeof connectServer>[0], checks: Check[]):
  Promise<void> {
  const where = `${connect.host}:${connect.port}`;
  let socket: TLSSocket;
  try {
    socket = await connectServer(connect);
  } catch (err) {
    const stage = err instanceof ConnectError ? err.stage : 'tcp';
    if (stage !== 'tcp') checks.push({ name: 'TCP connect', ok: true, detail: where });
    checks.push({ name: stage === 'tcp' ? 'TCP connect' : 'TLS handshake', ok: false,
      detail: (err as Error).message });
    return;
  }
  checks.push({ name: 'TCP connect', ok: true, detail: where });
  checks.push({ name: 'TLS handshake', ok: true, detail: certificateDetail(socket) });
  const stop = new AbortController();
  let answered = false;
  try {
    // Ask for new events only and stop at the first answer: nothing is consumed.
    await runClientSession({ socket, start: START_NOW, request: buildRequest([]),
      follow: false, sink: new ArraySink(), readTimeoutMs: FIRST_MESSAGE_MS, signal: stop.signal,
      onNegotiated: () => {
        answered = true;
        stop.abort();
      } });
    checks.push(answered
      ? { name: 'first message', ok: true,
        detail: 'Streaming Information received; the extended request was accepted' }
      : { name: 'first message', ok: false, detail: 'the server ended the session unanswered' });
  } catch (err) {
    checks.push({ name: 'first message', ok: false, detail: (err as Error).message });
  }
}

/** `estreamer test`: the connection checks, as a report; exit 0 when all pass. */
export async function testCommand(args: string[]): Promise<number> {
  const v = withConfig(parseArgs({ args, options: CONNECT_OPTIONS }).values, CONNECT_OPTIONS);
  const checks: Check[] = [];
  let conn;
  try {
    conn = await connection(v);
    const c = conn.creds;
    checks.push({ name: 'client certificate', ok: true,
      detail: `CN=${c.commonName}, SHA-256 ${c.fingerprint256}` });
  } catch (err) {
    checks.push({ name: 'client certificate', ok: false, detail: (err as Error).message });
  }
  if (conn) await probe(conn.connect, checks);
  process.stdout.write(`${checks.map(line).join('\n')}\n`);
  return checks.every((c) => c.ok) ? 0 : 1;
}
