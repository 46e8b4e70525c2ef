import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withFileLock } from './file-lock';

let dir: string;
let lock: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'file-lock-'));
  lock = path.join(dir, 'work.lock');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const tick = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('withFileLock', () => {
  it('runs one holder at a time and removes the lock after, also when the work throws', async () => {
    const order: string[] = [];
    const job = (name: string) => async () => {
      order.push(`${name} start`);
      await tick();
      order.push(`${name} end`);
    };
    await Promise.all([withFileLock(lock, job('a'), 10), withFileLock(lock, job('b'), 10)]);
    expect(order).toEqual(['a start', 'a end', 'b start', 'b end']);
    await expect(withFileLock(lock, () => Promise.reject(new Error('boom')), 10)).rejects.toThrow('boom');
    expect(existsSync(lock)).toBe(false);
  });

  it('creates the lock’s directory when it is missing (a clean clone has no cdk.out yet)', async () => {
    await expect(withFileLock(path.join(dir, 'new', 'work.lock'), async () => 'ran', 10)).resolves.toBe('ran');
  });

  it('takes over the lock of a process that is gone', async () => {
    // Above Linux's pid_max: no process can have it, as after a kill -9.
    writeFileSync(lock, '4194305');
    await expect(withFileLock(lock, async () => 'ran', 10)).resolves.toBe('ran');
  });

  it('waits on a live holder, and on a lock still being written, but not on an old empty one', async () => {
    writeFileSync(lock, String(process.ppid));
    const waiting = withFileLock(lock, async () => 'ran', 10);
    await tick();
    expect(await Promise.race([waiting, 'still waiting'])).toBe('still waiting');
    rmSync(lock);
    await expect(waiting).resolves.toBe('ran');

    writeFileSync(lock, '');
    const behindEmpty = withFileLock(lock, async () => 'ran', 10);
    await tick();
    expect(await Promise.race([behindEmpty, 'still waiting'])).toBe('still waiting');
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    await expect(behindEmpty).resolves.toBe('ran');
  });
});
