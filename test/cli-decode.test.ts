import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PriorityRecord } from '../generated/types.js';
import { messageBytes } from '../runtime/messages/message.js';

const root = join(import.meta.dirname, '..');
const cli = join(root, 'dist', 'runtime', 'cli', 'main.js');
const dir = mkdtempSync(join(tmpdir(), 'estreamer-cli-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function priority(id: number, name: string): Buffer {
  const record: PriorityRecord = { recordType: 4, recordName: 'Priority', netmapId: undefined,
    recordLength: 0, archiveTimestamp: undefined, reserved: undefined, priorityId: id,
    priorityName: name };
  return messageBytes({ messageType: 4, messageName: 'Event Data', record });
}

/** An Event Data message holding record `type` with `body` as its raw bytes. */
function raw(type: number, body: Buffer): Buffer {
  const head = Buffer.alloc(16);
  head.writeUInt16BE(1, 0);
  head.writeUInt16BE(4, 2);
  head.writeUInt32BE(8 + body.length, 4);
  head.writeUInt32BE(type, 8);
  head.writeUInt32BE(body.length, 12);
  return Buffer.concat([head, body]);
}

function decode(file: string, ...args: string[]) {
  const run = spawnSync(process.execPath, [cli, 'decode', ...args, file],
    { encoding: 'utf8', timeout: 20_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr,
    lines: run.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as object) };
}

function file(name: string, data: Buffer | string): string {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}

describe('estreamer decode', () => {
  it('writes one JSON line per record and exits 0', () => {
    const out = decode(file('good.bin', Buffer.concat([priority(1, 'high'), priority(2, 'low')])));
    expect(out.status).toBe(0);
    expect(out.lines).toEqual([
      { recordType: 4, recordName: 'Priority', recordLength: 10, priorityId: 1,
        priorityName: 'high' },
      { recordType: 4, recordName: 'Priority', recordLength: 9, priorityId: 2,
        priorityName: 'low' },
    ]);
    expect(out.stderr).toBe('');
  });

  it('stops at a truncated message with one line naming offset and field, exit 2', () => {
    const cut = priority(3, 'medium').subarray(0, 20);
    const out = decode(file('cut.bin', Buffer.concat([priority(1, 'high'), cut])));
    expect(out.status).toBe(2);
    expect(out.lines).toHaveLength(1);
    // The first message is 26 bytes; the cut one ends after its priority ID, at 26 + 20.
    expect(out.stderr).toBe('estreamer: decode error: field nameLength needs 2 bytes, 0 left ' +
      'at byte 46 (record 4 Priority, field nameLength)\n');
  });

  it('keeps an unknown record type as data, warns once and counts it', () => {
    const unknown = raw(9999, Buffer.from('cafe', 'hex'));
    const out = decode(file('unknown.bin', Buffer.concat([unknown, priority(1, 'x'), unknown])));
    expect(out.status).toBe(0);
    expect(out.lines[0]).toEqual({ recordType: 9999, recordName: 'Unknown', recordLength: 2,
      unknown: true, raw: 'cafe' });
    expect(out.lines).toHaveLength(3);
    expect(out.stderr).toBe(
      'estreamer: warning: record 9999 is unknown to the schemas; kept as raw data\n' +
      'estreamer: data the schemas do not describe, times seen: record 9999: 2\n');
  });

  it('decodes a record with bytes after its last field, and warns that they were left out',
    () => {
      const longer = Buffer.concat([priority(1, 'high'), Buffer.from('00000000', 'hex')]);
      longer.writeUInt32BE(longer.length - 8, 4);
      longer.writeUInt32BE(longer.length - 16, 12);
      const out = decode(file('trailing.bin', longer));
      expect(out.status).toBe(0);
      expect(out.lines).toEqual([{ recordType: 4, recordName: 'Priority', recordLength: 14,
        priorityId: 1, priorityName: 'high' }]);
      expect(out.stderr).toBe('estreamer: warning: trailing bytes after the last field of ' +
        'record 4 Priority are not described by the schema; left out of the output\n' +
        'estreamer: data the schemas do not describe, times seen: trailing bytes after the ' +
        'last field of record 4 Priority: 1\n');
    });

  it('refuses a message longer than --max-message-length from its header', () => {
    const out = decode(file('long.bin', priority(1, 'high')), '--max-message-length', '10');
    expect(out.status).toBe(2);
    expect(out.stderr).toBe('estreamer: decode error: message length 18 exceeds the maximum ' +
      'of 10 at byte 4 (message 4)\n');
  });

  it('reads the guide fixtures as hex text', () => {
    const fixture = join(root, 'test', 'fixtures', 'guide', '05-priority-record.hex');
    const out = decode(file('05.hex', readFileSync(fixture)), '--hex');
    // The guide's priority example states 8 bytes of record for its 10 (see fixtures.test.ts).
    expect(out.status).toBe(2);
    expect(out.stderr).toBe('estreamer: decode error: needs 4 bytes, 2 left at byte 22 ' +
      '(record 4 Priority, field priorityName)\n');
  });

  it('refuses text that is not hex with exit 2, naming the line', () => {
    const out = decode(file('bad.hex', '00 01 # header\n00 0g\n'), '--hex');
    expect(out.status).toBe(2);
    expect(out.stderr).toBe(`estreamer: ${join(dir, 'bad.hex')}:2: 'g' is not a hex digit\n`);
  });

  it('warns once when text holds bytes that are not UTF-8', () => {
    const bad = priority(1, 'abcd');
    bad.set([0xff, 0xfe], 22);
    const out = decode(file('utf8.bin', Buffer.concat([bad, bad])));
    expect(out.status).toBe(0);
    expect(out.lines.map((l) => (l as { priorityName: string }).priorityName))
      .toEqual(['\ufffd\ufffdcd', '\ufffd\ufffdcd']);
    expect(out.stderr).toBe('estreamer: warning: text that is not UTF-8 was decoded with ' +
      'U+FFFD in place of the bad bytes\n' +
      'estreamer: data the schemas do not describe, times seen: text that is not UTF-8: 2\n');
  });

  it('reports a closed output pipe in one line, without a stack trace', () => {
    const many = Buffer.concat(Array.from({ length: 20_000 }, (_, i) => priority(i, 'x')));
    const run = spawnSync('bash', ['-c', `"${process.execPath}" "${cli}" decode ` +
      `"${file('many.bin', many)}" | head -c 10 > /dev/null; echo "status \${PIPESTATUS[0]}" >&2`],
    { encoding: 'utf8', timeout: 20_000 });
    expect(run.stderr).toMatch(/^estreamer: output stdout: write EPIPE\nstatus 1\n$/);
  });

  it('refuses bad usage with exit 64 and the usage text', () => {
    const run = spawnSync(process.execPath, [cli, 'decode', '--archival', 'maybe', 'x'],
      { encoding: 'utf8' });
    expect(run.status).toBe(64);
    expect(run.stderr).toMatch(/^estreamer: --archival takes auto, yes or no, not 'maybe'\n/);
    expect(run.stderr).toContain('usage: estreamer <command>');
  });

  it('prints the usage of one command for COMMAND --help, exit 0', () => {
    const run = spawnSync(process.execPath, [cli, 'decode', '--help'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n').slice(0, 4)).toEqual(['usage: estreamer decode [options]', '',
      '  decode FILE|-         decode raw eStreamer messages (as on the wire) into JSON lines',
      '      --hex               FILE is hex text (white space separated, # comments)']);
    expect(run.stdout).not.toContain('stream events');
  });

  it('reports a missing file in one line, exit 1', () => {
    const out = decode(join(dir, 'absent.bin'));
    expect(out.status).toBe(1);
    expect(out.stderr)
      .toMatch(/^estreamer: ENOENT: no such file or directory, open '.*absent\.bin'\n$/);
  });
});

describe('the package', () => {
  it('exports the typed library API under its name', () => {
    const script = "import('estreamer-ts').then((m) => console.log(['decodeMessage', " +
      "'messageBytes', 'MessageFramer', 'runClientSession', 'EStreamerServer', 'RECORD_TYPES']" +
      ".map((k) => typeof m[k]).join(' ')))";
    const run = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('function function function function function object\n');
  });
});
