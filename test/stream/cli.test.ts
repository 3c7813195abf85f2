import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import {
  existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const cli = join(import.meta.dirname, '..', '..', 'dist', 'runtime', 'cli', 'main.js');
const dir = mkdtempSync(join(tmpdir(), 'estreamer-cli-stream-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));
const certs = join(dir, 'certs');
let server: ChildProcess;
let port = 0;

/** `estreamer serve` with `args` on a free port, and the port once it listens. */
async function serve(args: string[]): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [cli, 'serve', '--certs', certs, '--port', '0',
    ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => { log += d; });
  while (!/"event":"listening"/.test(log)) await new Promise((r) => setTimeout(r, 20));
  return { child, port: Number(/"port":(\d+)/.exec(log)![1]) };
}

async function stop(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  await once(child, 'exit');
}

beforeAll(async () => {
  ({ child: server, port } = await serve(['--samples', '4000', '--bundle-size', '50']));
});

afterAll(() => stop(server));

function stream(out: string, bookmark: string, at = port, more: string[] = []): ChildProcess {
  return spawn(process.execPath, [cli, 'stream', '--host', '127.0.0.1', '--port', String(at),
    '--pkcs12', join(certs, 'client.p12'), '--password-file', join(certs, 'client.pass'),
    '--out', out, '--bookmark', bookmark, '--start', 'oldest', '--status-interval', '0',
    '--log-format', 'json', ...more], { stdio: ['ignore', 'ignore', 'pipe'] });
}

async function finish(child: ChildProcess): Promise<{ code: number | null; log: string }> {
  let log = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => { log += d; });
  const [code] = await once(child, 'exit') as [number | null];
  return { code, log };
}

const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean);

/** The lines of an uninterrupted run from the oldest record. */
async function uninterrupted(name: string): Promise<string[]> {
  const out = join(dir, `${name}.jsonl`);
  expect((await finish(stream(out, join(dir, `${name}.json`)))).code).toBe(0);
  return lines(out);
}

/** A run into `out` that gets `signal` once `out` holds `bytes`. */
async function interrupted(out: string, bookmark: string, bytes: number,
  signal: NodeJS.Signals): Promise<{ code: number | null; log: string }> {
  const child = stream(out, bookmark);
  const done = finish(child);
  while (!existsSync(out) || statSync(out).size < bytes) {
    await new Promise((r) => setTimeout(r, 1));
  }
  child.kill(signal);
  return done;
}

describe('estreamer stream (process)', () => {
  it('finishes the bundle, saves the bookmark and exits 0 on SIGTERM; a rerun completes the ' +
    'output exactly', async () => {
    const whole = await uninterrupted('whole');
    const out = join(dir, 'cut.jsonl');
    const bookmark = join(dir, 'cut-bookmark.json');
    const first = await interrupted(out, bookmark, 20_000, 'SIGTERM');
    expect(first.code, first.log).toBe(0);
    expect(first.log).toContain('"event":"stopping","signal":"SIGTERM"');
    expect(first.log).toContain('"ended":"stopped"');
    const cut = lines(out).length;
    expect(cut).toBeLessThan(whole.length);
    expect(existsSync(bookmark)).toBe(true);

    const second = await finish(stream(out, bookmark));
    expect(second.code, second.log).toBe(0);
    expect(second.log).toContain('"resumed":true');
    expect(lines(out)).toEqual(whole);
  });

  it('gives output equal line for line to an uninterrupted run after SIGKILLs at several ' +
    'moments', async () => {
    const whole = await uninterrupted('whole-for-kills');
    const out = join(dir, 'killed.jsonl');
    const bookmark = join(dir, 'killed.json');
    // Killed at once, inside the first bundles, and well into the stream.
    for (const bytes of [1, 30_000, 400_000]) {
      expect((await interrupted(out, bookmark, bytes, 'SIGKILL')).code).toBe(null);
    }
    const last = await finish(stream(out, bookmark));
    expect(last.code, last.log).toBe(0);
    expect(lines(out)).toEqual(whole);
  });

  it('stops with one line and exit 1 when the output pipe closes, instead of reconnecting',
    () => {
      const log = join(dir, 'epipe.log');
      const args = ['stream', '--host', '127.0.0.1', '--port', String(port), '--pkcs12',
        join(certs, 'client.p12'), '--password-file', join(certs, 'client.pass'), '--out', '-',
        '--start', 'oldest', '--status-interval', '0', '--log-format', 'json'];
      const run = spawnSync('bash', ['-c', `"${process.execPath}" "${cli}" ${args.join(' ')} ` +
        `2>"${log}" | head -1 >/dev/null; echo "status \${PIPESTATUS[0]}"`],
      { encoding: 'utf8', timeout: 20_000 });
      expect(run.stdout).toBe('status 1\n');
      const said = readFileSync(log, 'utf8').split('\n').filter(Boolean);
      expect(said.at(-1)).toBe('estreamer: output stdout: write EPIPE');
      expect(said.filter((l) => l.includes('"event":"reconnecting"'))).toEqual([]);
    });

  it('serve --max-version renders connection events in an older block; --omit-records',
    async () => {
      const capped = await serve(['--samples', '400', '--max-version', 'connection=15',
        '--omit-records', '73,2']);
      const out = join(dir, 'capped.jsonl');
      const run = await finish(stream(out, join(dir, 'capped-bookmark.json'), capped.port,
        ['--events', 'connection,intrusion']));
      await stop(capped.child);
      expect(run.code, run.log).toBe(0);
      const blocks = lines(out).map((l) => JSON.parse(l) as { recordType: number;
        blockType?: number }).map((r) => `${r.recordType}/${r.blockType}`);
      expect(new Set(blocks)).toEqual(new Set(['71/163', '400/60']));
    });

  it('writes a status line with rate, totals per family, lag, reconnects and unknown types',
    async () => {
      const child = spawn(process.execPath, [cli, 'stream', '--host', '127.0.0.1', '--port',
        String(port), '--pkcs12', join(certs, 'client.p12'), '--password-file',
        join(certs, 'client.pass'), '--out', join(dir, 'status.jsonl'), '--start', 'oldest',
        '--follow', '--status-interval', '1', '--log-format', 'json'],
      { stdio: ['ignore', 'ignore', 'pipe'] });
      const done = finish(child);
      let log = '';
      child.stderr!.on('data', (d: Buffer) => { log += d.toString(); });
      while (!log.includes('"event":"status"')) await new Promise((r) => setTimeout(r, 20));
      child.kill('SIGTERM');
      expect((await done).code).toBe(0);
      const status = log.split('\n').map((l) => JSON.parse(l || '{}') as Record<string, unknown>)
        .find((e) => e.event === 'status')!;
      expect(Object.keys(status).sort()).toEqual(['event', 'eventsPerSecond', 'families',
        'lagSeconds', 'level', 'reconnects', 'time', 'total', 'unknownTypes']);
      // The line may come while records still arrive: it counts at most what was written.
      expect(status.total).toBeGreaterThan(0);
      expect(status.total).toBeLessThanOrEqual(lines(join(dir, 'status.jsonl')).length);
      expect(status.families).toMatchObject({ intrusion: expect.any(Number),
        connection: expect.any(Number), user: expect.any(Number) });
      expect(status.reconnects).toBe(0);
    });

  it('estreamer test reports each stage and exits 0 when all pass', async () => {
    const child = spawn(process.execPath, [cli, 'test', '--host', '127.0.0.1', '--port',
      String(port), '--pkcs12', join(certs, 'client.p12'), '--password-file',
      join(certs, 'client.pass')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => { out += d; });
    const { code } = await finish(child);
    expect(code).toBe(0);
    expect(out.split('\n').filter(Boolean).map((l) => l.split(':')[0])).toEqual([
      'ok    client certificate', 'ok    TCP connect', 'ok    TLS handshake',
      'ok    first message']);
    expect(out).toContain(`TCP connect: 127.0.0.1:${port}\n`);
  });

  it('estreamer test fails the first-message check against a server that says nothing',
    async () => {
      const read = (name: string) => readFileSync(join(certs, name), 'utf8');
      const silent = createServer({ key: read('server.key'), cert: read('server.pem'),
        ca: read('ca.pem'), requestCert: true }, () => undefined);
      silent.listen(0, '127.0.0.1');
      await once(silent, 'listening');
      const child = spawn(process.execPath, [cli, 'test', '--host', '127.0.0.1', '--port',
        String((silent.address() as AddressInfo).port), '--pkcs12', join(certs, 'client.p12'),
        '--password-file', join(certs, 'client.pass')], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout!.setEncoding('utf8').on('data', (d: string) => { out += d; });
      const { code } = await finish(child);
      silent.close();
      expect(code).toBe(1);
      expect(out.split('\n').at(-2)).toBe('FAIL  first message: no message within 5000 ms');
    });

  it('checks pin and CA file at start-up (exit 64) and warns when verification is off',
    async () => {
      const run = (command: string, more: string[]) => finish(spawn(process.execPath, [cli,
        command, '--host', '127.0.0.1', '--port', String(port), '--pkcs12',
        join(certs, 'client.p12'), '--password-file', join(certs, 'client.pass'), ...more],
      { stdio: ['ignore', 'ignore', 'pipe'] }));
      const check = (more: string[]) => run('stream', ['--out', join(dir, 'x.jsonl'), ...more]);
      const pin = await check(['--fingerprint', 'ab:cd']);
      expect(pin.code).toBe(64);
      expect(pin.log.split('\n')[0]).toBe('estreamer: --fingerprint takes a SHA-256 ' +
        "fingerprint, 64 hex digits (colons allowed), not 'ab:cd'");
      const notPem = join(dir, 'not.pem');
      writeFileSync(notPem, 'not a certificate\n');
      const ca = await check(['--ca', notPem]);
      expect(ca.code).toBe(64);
      expect(ca.log.split('\n')[0]).toBe(`estreamer: --ca ${notPem}: no PEM certificate ` +
        '(-----BEGIN CERTIFICATE-----) in it');
      const off = await run('test', ['--verify', 'off']);
      expect(off.code).toBe(0);
      expect(off.log).toBe('estreamer: warn: server certificate not verified (--verify off): ' +
        'anyone between here and the FMC can read and forge the events\n');
    });

  it('refuses a wrong PKCS12 password in one line, exit 1, without connecting', async () => {
    const bad = join(dir, 'bad.pass');
    writeFileSync(bad, 'wrong\n');
    const p12 = join(certs, 'client.p12');
    const child = spawn(process.execPath, [cli, 'stream', '--host', '127.0.0.1', '--port',
      String(port), '--pkcs12', p12, '--password-file',
      bad], { stdio: ['ignore', 'pipe', 'pipe'] });
    const { code, log } = await finish(child);
    expect(code).toBe(1);
    expect(log).toBe(`estreamer: PKCS12 file ${p12}: wrong password (MAC check failed)\n`);
  });

  it('names the password file that cannot be read, exit 1', async () => {
    const missing = join(dir, 'absent.pass');
    const child = spawn(process.execPath, [cli, 'stream', '--host', '127.0.0.1', '--port',
      String(port), '--pkcs12', join(certs, 'client.p12'), '--password-file', missing],
    { stdio: ['ignore', 'pipe', 'pipe'] });
    const { code, log } = await finish(child);
    expect(code).toBe(1);
    expect(log).toBe(`estreamer: password file ${missing}: no such file\n`);
  });
});
