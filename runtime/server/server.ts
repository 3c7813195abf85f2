import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createServer, type Server, type TlsOptions, type TLSSocket } from 'node:tls';
import type { EStreamerRecord, FullHostProfile53 } from '../../generated/types.js';
import { MessageChannel } from '../session/channel.js';
import type { Faults } from './faults.js';
import type { VersionCaps } from './selection.js';
import { serveSession } from './session.js';

/** The longest message a client may send (requests are a few dozen bytes). */
export const MAX_REQUEST_LENGTH = 64 * 1024;

export interface ServerOptions {
  tls: TlsOptions;
  host?: string;
  port?: number;
  /** The records to serve, oldest first, with archival timestamps. */
  records: readonly EStreamerRecord[];
  /** Host profiles to answer host requests with. */
  hosts?: readonly FullHostProfile53[];
  /** Records per Message Bundle. */
  bundleSize?: number;
  /** Keep connections open with keep-alives after the data runs out. */
  follow?: boolean;
  keepAliveMs?: number;
  faults?: Faults;
  /** Render these event types in at most this version, whatever the client asks for. */
  versionCaps?: VersionCaps;
  log?: (event: Record<string, unknown>) => void;
}

/**
 * An eStreamer-compatible server: TLS with client certificates, the extended request
 * negotiation, Message Bundles acknowledged by Nulls, keep-alives when idle.
 */
export class EStreamerServer {
  private readonly server: Server;
  private readonly sessions = new Set<Promise<void>>();
  private readonly channels = new Set<MessageChannel>();
  private nextConnection = 1;

  constructor(private readonly opts: ServerOptions) {
    this.server = createServer(opts.tls, (socket) => this.accept(socket));
    this.server.on('tlsClientError', (err) => this.log({ event: 'tls-error', error: err.message }));
  }

  private log(event: Record<string, unknown>): void {
    this.opts.log?.(event);
  }

  private accept(socket: TLSSocket): void {
    const id = this.nextConnection++;
    const cn = (socket.getPeerCertificate()?.subject as { CN?: string } | undefined)?.CN;
    this.log({ event: 'connect', connection: id, peer: socket.remoteAddress, client: cn });
    socket.on('error', () => undefined);
    // Clients send only small requests; a longer one is refused from its header.
    const channel = new MessageChannel(socket, { maxMessageLength: MAX_REQUEST_LENGTH });
    this.channels.add(channel);
    const session = serveSession(channel, {
      records: this.opts.records, hosts: this.opts.hosts ?? [],
      bundleSize: this.opts.bundleSize ?? 100,
      follow: this.opts.follow ?? false, keepAliveMs: this.opts.keepAliveMs ?? 10_000,
      requestTimeoutMs: 30_000, ackTimeoutMs: 120_000, faults: this.opts.faults ?? {},
      versionCaps: this.opts.versionCaps ?? new Map(), connectionId: id,
      log: (e) => this.log({ ...e, connection: id }),
    }).finally(() => {
      this.sessions.delete(session);
      this.channels.delete(channel);
      this.log({ event: 'disconnect', connection: id });
    });
    this.sessions.add(session);
  }

  async listen(): Promise<AddressInfo> {
    this.server.listen(this.opts.port ?? 8302, this.opts.host ?? '127.0.0.1');
    await once(this.server, 'listening');
    return this.server.address() as AddressInfo;
  }

  /**
   * Stops accepting and ends the open sessions (a following client would otherwise keep the
   * server up forever); resolves when every one has ended.
   */
  async close(): Promise<void> {
    const closed = new Promise((resolve) => this.server.close(resolve));
    for (const channel of this.channels) channel.close();
    await Promise.all([...this.sessions]);
    await closed;
  }
}
