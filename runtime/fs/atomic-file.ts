import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes through a temp file in the same directory, created with `mode` from the start, then
 * renames: a key is never readable by others for a moment, and a crash leaves no half file.
 * The directory is synced after the rename so that the new name itself survives a crash.
 */
export async function writeFileAtomic(path: string, data: string | Buffer, mode: number) {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    await syncDir(dirname(path));
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Removes the temp files that writes of `path` left behind when the process was killed
 * between creating and renaming them; the temp files of other paths stay.
 */
export async function removeStaleTemps(path: string): Promise<void> {
  const dir = dirname(path);
  const prefix = `.${basename(path)}.`;
  const stale = (await readdir(dir).catch(() => [] as string[]))
    .filter((name) => name.startsWith(prefix) && /^[0-9a-f]{12}\.tmp$/.test(
      name.slice(prefix.length)));
  await Promise.all(stale.map((name) => rm(join(dir, name), { force: true })));
}
