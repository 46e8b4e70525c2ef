import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PostgresServer } from '@/scripts/lib/postgres-server';
import { PostgresStore } from './postgres-store';
import { auditInput } from './store-contract';

// DATABASE_URL is set before lib/config reads the environment (on first use, below).
let server: PostgresServer;
beforeAll(async () => {
  server = await startPostgres();
  process.env.DATABASE_URL = server.url;
});
afterAll(async () => {
  const holder = globalThis as Record<symbol, unknown>;
  await (holder[Symbol.for('tapdeck.store')] as PostgresStore | undefined)?.end();
  delete holder[Symbol.for('tapdeck.store')];
  await server?.stop();
});

describe('getStore with DATABASE_URL', () => {
  it('opens one PostgreSQL store per process, migrating on first use', async () => {
    const { getStore } = await import('./index');
    const store = getStore();
    expect(store).toBeInstanceOf(PostgresStore);
    expect(getStore()).toBe(store);
    await expect(store.appendAudit(auditInput())).resolves.toMatchObject({ seq: 1 });
    await expect(store.verifyAudit()).resolves.toEqual({ ok: true, count: 1 });
  });
});
