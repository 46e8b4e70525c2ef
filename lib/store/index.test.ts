import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// Before lib/config reads the environment (on first use, below).
const dir = mkdtempSync(join(tmpdir(), 'tapdeck-get-store-'));
process.env.TAPDECK_DB_PATH = join(dir, 'nested', 'tapdeck.db');
const { getStore } = await import('./index');

afterAll(() => {
  getStore().close();
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('tapdeck.store')];
  rmSync(dir, { recursive: true, force: true });
});

describe('getStore', () => {
  it('opens one store per process at config.dbPath, creating its directory', async () => {
    const store = getStore();
    expect(getStore()).toBe(store);
    expect(existsSync(join(dir, 'nested', 'tapdeck.db'))).toBe(true);
    await expect(store.verifyAudit()).resolves.toEqual({ ok: true, count: 0 });
  });
});
