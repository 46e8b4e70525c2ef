import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** How old a lock file without a pid must be before it counts as left by a kill between its create and write. */
const EMPTY_LOCK_MS = 10_000;

/**
 * Runs `work` while holding `lock`, a file created exclusively with this process's pid; waits while another live
 * process holds it, and takes over a lock whose process is gone (a kill). For work several test processes may
 * start at once on one machine, such as synthesizing the shared templates.
 */
export async function withFileLock<T>(lock: string, work: () => Promise<T>, pollMs = 250): Promise<T> {
  mkdirSync(path.dirname(lock), { recursive: true });
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = lockHolder(lock);
      const abandoned = holder === undefined ? ageMs(lock) > EMPTY_LOCK_MS : !isRunning(holder);
      if (abandoned) rmSync(lock, { force: true });
      else await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { force: true });
  }
}

/** The pid in the lock file; undefined while its holder is still writing it, or once it is gone. */
function lockHolder(lock: string): number | undefined {
  try {
    const pid = Number(readFileSync(lock, 'utf8'));
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function ageMs(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
