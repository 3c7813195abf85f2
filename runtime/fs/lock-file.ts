import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';

/** Another live process holds the lock; `holder` is its process ID. */
export class LockedError extends Error {
  override readonly name = 'LockedError';
  constructor(readonly lock: string, readonly holder: number) {
    super(`${lock} is held by process ${holder}`);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holder(lock: string): number | undefined {
  try {
    const pid = Number(readFileSync(lock, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Claims `lock` for this process (a file holding its ID, created exclusively) until it exits.
 * A lock left by a process that no longer runs (killed, crashed) is taken over; one held by a
 * live process is a LockedError. This process may claim its own lock again.
 */
export function claimLock(lock: string): void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lock, 'wx', 0o600);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      process.once('exit', () => release(lock));
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = holder(lock);
      if (pid === process.pid) return;
      if (pid !== undefined && alive(pid)) throw new LockedError(lock, pid);
      unlinkSync(lock);
    }
  }
  throw new LockedError(lock, holder(lock) ?? 0);
}

function release(lock: string): void {
  try {
    if (holder(lock) === process.pid) unlinkSync(lock);
  } catch {
    // Nothing to do at exit: a lock left behind is taken over by the next run.
  }
}
