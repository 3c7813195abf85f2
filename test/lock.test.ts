import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BookmarkFile } from '../runtime/client/bookmark.js';

const dir = mkdtempSync(join(tmpdir(), 'estreamer-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bookmark lock', () => {
  it('refuses a bookmark that a live process holds', async () => {
    const path = join(dir, 'held.json');
    const other = spawn('sleep', ['30']);
    try {
      writeFileSync(`${path}.lock`, `${other.pid}\n`);
      await expect(BookmarkFile.open(path)).rejects.toThrow(`bookmark ${path} is in use by ` +
        `process ${other.pid} (lock ${path}.lock); run one client per bookmark`);
    } finally {
      other.kill();
      await once(other, 'exit');
    }
  });

  it('takes over the lock of a process that no longer runs, and lets this one reopen', async () => {
    const path = join(dir, 'stale.json');
    const gone = spawnSync('sh', ['-c', 'echo $$']).stdout.toString().trim();
    writeFileSync(`${path}.lock`, `${gone}\n`);
    await BookmarkFile.open(path);
    expect(readFileSync(`${path}.lock`, 'utf8')).toBe(`${process.pid}\n`);
    await expect(BookmarkFile.open(path)).resolves.toBeInstanceOf(BookmarkFile);
  });
});
