import type { Duplex } from 'node:stream';
import type { FullHostProfile52, FullHostProfile53 } from '../../generated/types.js';
import type { UnknownBlock } from '../codec/blocks.js';
import { MessageChannel, ReadTimeoutError } from '../session/channel.js';
import { eventStreamRequest, FLAG, START_NOW } from '../session/request.js';
import { ProtocolError, ServerError } from './session.js';

export type HostProfile = FullHostProfile53 | FullHostProfile52 | UnknownBlock;

export interface HostQuery {
  start: string;
  /** Last address of a range; without it, one host. */
  end?: string;
  /** Also fill the Notes field (flag 1) and service banners (flag 2). */
  flags?: number;
}

/**
 * Asks for the full host profiles of one host or an address range on a host-data session
 * (Event Stream Request with flag bit 11, then a Host Request with data type 6 or 7, the 5.0+
 * formats) and hands each profile to `each`. The answer ends with a Null, or with silence for
 * `quietMs` once at least one profile has come (the guide names no end marker).
 */
export async function requestHosts(
  socket: Duplex, query: HostQuery, each: (p: HostProfile) => void, quietMs = 10_000,
): Promise<number> {
  const ch = new MessageChannel(socket);
  let count = 0;
  try {
    await ch.send(eventStreamRequest(START_NOW, FLAG.hostOnly));
    await ch.send({ messageType: 5, messageName: 'Host Data Request',
      dataType: query.end ? 7 : 6, flags: query.flags ?? 3, startIpAddress: query.start,
      endIpAddress: query.end ?? query.start });
    for (;;) {
      const msg = await ch.next(quietMs).catch((err: unknown) => {
        if (err instanceof ReadTimeoutError && count > 0) return undefined;
        throw err;
      });
      if (!msg || msg.messageType === 0) return count;
      if (msg.messageType === 1 && !('unknown' in msg)) {
        throw new ServerError(msg.errorCode, msg.errorText);
      }
      if ((msg.messageType !== 6 && msg.messageType !== 7) || 'unknown' in msg) {
        throw new ProtocolError(`expected host data, got message type ${msg.messageType}`);
      }
      each(msg.fullHostProfile);
      count++;
    }
  } finally {
    ch.close();
  }
}
