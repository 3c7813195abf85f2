import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { StreamSink } from '../runtime/output/sink.js';

/** A stream that takes each write only when told to, like stdout read by a slow consumer. */
class HeldStream extends Writable {
  readonly held: Array<() => void> = [];
  override _write(_chunk: Buffer, _enc: string, done: () => void): void {
    this.held.push(done);
  }
  release(): void {
    for (const done of this.held.splice(0)) done();
  }
}

/** About 1 KiB of JSON. */
const LINE = { text: 'x'.repeat(1000) };
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('StreamSink', () => {
  it('holds a producer back while over 8 MiB wait for a slow reader', async () => {
    const out = new HeldStream();
    const sink = new StreamSink(out);
    for (let i = 0; i < 10 * 1024; i++) sink.write(LINE);
    let ready = false;
    const waiting = sink.ready().then(() => { ready = true; });
    await turn();
    expect(ready).toBe(false);

    for (let i = 0; i < 100 && !ready; i++) {
      out.release();
      await turn();
    }
    await waiting;
    expect(ready).toBe(true);
  });

  it('does not hold a producer back below that', async () => {
    const sink = new StreamSink(new HeldStream());
    for (let i = 0; i < 4 * 1024; i++) sink.write(LINE);
    await expect(sink.ready()).resolves.toBeUndefined();
  });
});
