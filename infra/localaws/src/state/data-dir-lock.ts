/**
 * One localaws per data directory: `<dataDir>/localaws.lock` holds the owner's pid and hostname, created with
 * O_EXCL. A lock left by a process that no longer runs (kill -9, a crash) is taken over with a log line; a live
 * owner, or one on another host that cannot be checked, refuses the start with an error that says how to proceed.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

export const LOCK_FILE = 'localaws.lock';

export class DataDirLockedError extends Error {}

interface LockOwner {
  pid: number;
  hostname: string;
  startedAt?: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(file: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockOwner>;
    return typeof owner.pid === 'number' && typeof owner.hostname === 'string' ? (owner as LockOwner) : undefined;
  } catch {
    return undefined;
  }
}

/** Takes the lock or throws DataDirLockedError; returns the release function. */
export function lockDataDir(dataDir: string, log: (line: string) => void): () => void {
  const file = path.join(dataDir, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; ; attempt += 1) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
    }
    const owner = readOwner(file);
    if (owner && (owner.hostname !== me.hostname || alive(owner.pid))) {
      const where = owner.hostname === me.hostname ? `process ${owner.pid}` : `process ${owner.pid} on host ${owner.hostname}`;
      throw new DataDirLockedError(
        `data directory ${dataDir} is in use by another localaws (${where}, see ${file}); stop it, use another --data-dir, or delete the lock file if that process is gone`,
      );
    }
    log(
      `localaws: taking over ${file}: ${owner ? `process ${owner.pid} that held it is no longer running` : 'the lock file is unreadable'}`,
    );
    rmSync(file, { force: true });
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (readOwner(file)?.pid === me.pid) rmSync(file, { force: true });
  };
}
