import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MessageChannel } from '../runtime/session/channel.js';

/** An Event Data message, `size` bytes in all, holding a record of a type no schema knows. */
function bigMessage(size: number): Buffer {
  const b = Buffer.alloc(size);
  b.writeUInt16BE(1, 0);
  b.writeUInt16BE(4, 2);
  b.writeUInt32BE(size - 8, 4);
  b.writeUInt32BE(60000, 8);
  b.writeUInt32BE(size - 16, 12);
  return b;
}

describe('MessageChannel', () => {
  it('pauses the peer while over 8 MiB of messages wait, resumes at half that', async () => {
    const peer = new PassThrough();
    const ch = new MessageChannel(peer);
    const size = 3 * 1024 * 1024;
    for (let i = 0; i < 3; i++) peer.write(bigMessage(size));
    await new Promise((resolve) => setImmediate(resolve));
    expect(peer.isPaused()).toBe(true);

    expect((await ch.next())?.messageType).toBe(4);
    expect(peer.isPaused()).toBe(true);
    expect((await ch.next())?.messageType).toBe(4);
    expect(peer.isPaused()).toBe(false);
  });
});
