import { once } from 'node:events';
import { connect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EStreamerServer } from '../../runtime/server/server.js';
import { MessageChannel, ReadTimeoutError } from '../../runtime/session/channel.js';
import {
  buildRequest, EVENT_FAMILIES, eventStreamRequest, FLAG, streamingRequest,
} from '../../runtime/session/request.js';
import { certs, startServer } from './harness.js';

// These tests speak the protocol by hand, as eNcore does, to see exactly when bundles come.
let server: EStreamerServer;
let port = 0;

beforeAll(async () => {
  server = startServer();
  port = (await server.listen()).port;
});

afterAll(() => server.close());

async function open(at = port): Promise<MessageChannel> {
  const socket = connect({ host: '127.0.0.1', port: at, ca: certs.caCertPem,
    cert: certs.clientCertPem, key: certs.clientKeyPem, servername: 'localhost' });
  await once(socket, 'secureConnect');
  return new MessageChannel(socket, { archival: true });
}

/** The request eNcore makes, then (if `ackInfo`) its Null for the Streaming Information. */
async function negotiate(ch: MessageChannel, ackInfo: boolean): Promise<void> {
  const { flags, events } = buildRequest(Object.keys(EVENT_FAMILIES));
  await ch.send(eventStreamRequest(0, flags | FLAG.extended));
  expect((await ch.next(2000))?.messageType).toBe(2051);
  await ch.send(streamingRequest(0, { flags, events }));
  if (ackInfo) await ch.send({ messageType: 0, messageName: 'Null' });
}

async function bundleSequence(ch: MessageChannel, timeoutMs: number): Promise<number> {
  const msg = await ch.next(timeoutMs);
  expect(msg?.messageType).toBe(4002);
  return (msg as { sequenceNumber: number }).sequenceNumber;
}

async function silentFor(ch: MessageChannel, ms: number): Promise<boolean> {
  try {
    await ch.nextFrame(ms);
    return false;
  } catch (err) {
    if (err instanceof ReadTimeoutError) return true;
    throw err;
  }
}

describe('bundle acknowledgements', () => {
  for (const ackInfo of [true, false]) {
    it(`sends the next bundle only after the Null for the last one (Streaming Information ${
      ackInfo ? 'acknowledged, as eNcore does' : 'not acknowledged'})`, async () => {
      // The harness serves well over two bundles of 25 records for every family.
      const ch = await open();
      await negotiate(ch, ackInfo);
      expect(await bundleSequence(ch, 2000)).toBe(1);
      expect(await silentFor(ch, 600)).toBe(true);

      await ch.send({ messageType: 0, messageName: 'Null' });
      expect(await bundleSequence(ch, 2000)).toBe(2);
      expect(await silentFor(ch, 600)).toBe(true);
      ch.close();
    });
  }

  it('closing the server ends a following session that waits for data', async () => {
    const following = startServer({ follow: true });
    const ch = await open((await following.listen()).port);
    await negotiate(ch, true);
    // Acknowledge every bundle until the Null that says the data has run out.
    while ((await ch.next(2000))?.messageType === 4002) {
      await ch.send({ messageType: 0, messageName: 'Null' });
    }
    const started = Date.now();
    await following.close();
    expect(Date.now() - started).toBeLessThan(3000);
    expect(await ch.next(1000)).toBeUndefined();
  });
});
