import type { AddressInfo, Socket } from 'node:net';
import {
  connect,
  createServer,
  type ConnectionOptions,
  type TLSSocket,
  type TlsOptions,
} from 'node:tls';

/** A TLS server on 127.0.0.1 that greets each client with its certificate's CN, then ends. */
export interface GreetingServer {
  port: number;
  close(): Promise<void>;
}

export async function startGreetingServer(options: TlsOptions): Promise<GreetingServer> {
  const sockets = new Set<Socket>();
  const server = createServer(options, (socket) => {
    socket.on('error', () => undefined);
    socket.once('data', (data) => {
      const cn = socket.getPeerCertificate().subject?.CN ?? '(none)';
      socket.end(`hello ${cn}, you said ${data.toString()}`);
    });
  });
  // Refused handshakes are what several tests are about; the client side reports them.
  server.on('tlsClientError', () => undefined);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return { port, close };
}

export interface Exchange {
  reply: string;
  protocol: string | null;
}

/**
 * Connects, runs `onSecure` (e.g. fingerprint pinning) before sending anything, sends
 * `message` and collects the reply until the server ends. Rejects with the socket's error.
 */
export function exchange(
  options: ConnectionOptions,
  message: string,
  onSecure?: (socket: TLSSocket) => Error | undefined,
): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(options, () => {
      const refusal = onSecure?.(socket);
      if (refusal) return socket.destroy(refusal);
      socket.write(message);
    });
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      resolve({ reply: Buffer.concat(chunks).toString(), protocol: socket.getProtocol() });
    });
  });
}
