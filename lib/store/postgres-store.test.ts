import { createServer } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPEN_STATUSES } from '@/lib/promotion/types';
import { startPostgres, type PostgresServer } from '@/scripts/lib/postgres-server';
import { StoreInputError, StoreOpenError } from './errors';
import { MIGRATIONS } from './migrations';
import { POSTGRES_MIGRATIONS, migratePostgres } from './postgres-migrations';
import { openPostgresStore, createPostgresStore, type PostgresStore } from './postgres-store';
import { runRaceChildren, startAt } from './race-children';
import { AUDIT_COLUMNS } from './sqlite-rows';
import { auditInput, describeStoreContract, promotionFixture, type StoreHarness } from './store-contract';

// One real server for the file; every harness and test gets a database of its own on it.
let server: PostgresServer;
let databases = 0;
const freshDatabase = () => server.createDatabase(`store_${++databases}`);

beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => {
  await server?.stop();
});

/** A raw connection, as someone with the database's credentials would use it. */
async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function makePostgresHarness(): Promise<StoreHarness> {
  const url = await freshDatabase();
  return {
    open: () => openPostgresStore(url),
    tamperAudit: (seq, change) =>
      withClient(url, async (client) => {
        await client.query('DROP TRIGGER IF EXISTS audit_no_update ON audit');
        for (const [field, value] of Object.entries(change) as Array<[keyof typeof change, string]>) {
          await client.query(`UPDATE audit SET ${AUDIT_COLUMNS[field]} = $1 WHERE seq = $2`, [value, seq]);
        }
      }),
    deleteAudit: (seq) =>
      withClient(url, async (client) => {
        await client.query('DROP TRIGGER IF EXISTS audit_no_delete ON audit');
        await client.query('DELETE FROM audit WHERE seq = $1', [seq]);
      }),
    dispose: async () => {},
  };
}

describeStoreContract('postgres', makePostgresHarness);

describe('PostgresStore', () => {
  it('keeps the same migrations as SQLite: versions and names', () => {
    const outline = (list: typeof MIGRATIONS) => list.map(({ version, name }) => ({ version, name }));
    expect(outline(POSTGRES_MIGRATIONS)).toEqual(outline(MIGRATIONS));
  });

  it('migrates once when five instances start together on a fresh database', async () => {
    const url = await freshDatabase();
    const clients = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const client = new pg.Client(url);
        await client.connect();
        return client;
      }),
    );
    try {
      const applied = await Promise.all(clients.map((client) => migratePostgres(client)));
      expect(applied.filter((versions) => versions.length > 0)).toEqual([POSTGRES_MIGRATIONS.map((m) => m.version)]);
      const { rows } = await clients[0]!.query('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((row: { version: number }) => row.version)).toEqual([1, 2]);
    } finally {
      await Promise.all(clients.map((client) => client.end()));
    }
    // Stores opening together on the migrated database (and on a fresh one) all come up.
    const other = await freshDatabase();
    const stores = await Promise.all([url, url, other, other, other].map((each) => openPostgresStore(each)));
    await Promise.all(stores.map((store) => store.end()));
  });

  it('refuses a database migrated by a newer tapdeck, naming the versions', async () => {
    const url = await freshDatabase();
    await (await openPostgresStore(url)).end();
    await withClient(url, (client) => client.query("INSERT INTO schema_migrations (version, name) VALUES (999, 'future')"));
    const error = await openPostgresStore(url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreOpenError);
    expect((error as Error).message).toMatch(/schema version 999, newer than this tapdeck knows \(2\): upgrade tapdeck/);
  });

  it('keeps the one-open-request index in step with OPEN_STATUSES, and refuses edits of the audit log', async () => {
    const url = await freshDatabase();
    const store = await openPostgresStore(url);
    await store.appendAudit(auditInput());
    await store.end();
    await withClient(url, async (client) => {
      const { rows } = await client.query("SELECT indexdef FROM pg_indexes WHERE indexname = 'promotions_one_open_per_stack'");
      const listed = [...String(rows[0]?.indexdef).matchAll(/'([^']+)'/g)].map((match) => match[1]);
      expect(listed.sort()).toEqual([...OPEN_STATUSES].sort());
      await expect(client.query("UPDATE audit SET outcome = 'edited'")).rejects.toThrow(/append-only/);
      await expect(client.query('DELETE FROM audit')).rejects.toThrow(/append-only/);
    });
  });

  it('stores times as timestamptz and returns them exactly as the SQLite store does', async () => {
    const url = await freshDatabase();
    const store = await openPostgresStore(url, { now: () => new Date('2025-03-04T05:06:07.089Z') });
    try {
      const entry = await store.appendAudit(auditInput());
      expect(entry.at).toBe('2025-03-04T05:06:07.089Z');
      const request = promotionFixture({ requestedAt: '2025-01-02T10:00:00.120Z', expiresAt: '2025-01-02T11:00:00.000Z' });
      await store.createPromotion(request, auditInput());
      await expect(store.getPromotion(request.id)).resolves.toEqual(request);
      await withClient(url, async (client) => {
        await client.query("SET TIME ZONE 'Asia/Kolkata'");
        const { rows } = await client.query(
          "SELECT pg_typeof(requested_at)::text AS type, requested_at > '2025-01-02' AS later FROM promotions",
        );
        expect(rows[0]).toEqual({ type: 'timestamp with time zone', later: true });
      });
      await expect(store.listAudit()).resolves.toMatchObject([{ at: '2025-03-04T05:06:07.089Z' }, { seq: 1 }]);
    } finally {
      await store.end();
    }
  });
});

describe('PostgresStore and input PostgreSQL cannot hold', () => {
  it('refuses text with a NUL character as input (StoreInputError), writing nothing', async () => {
    const store = await openPostgresStore(await freshDatabase());
    try {
      await expect(store.appendAudit(auditInput({ comment: 'a\u0000b' }))).rejects.toThrow(StoreInputError);
      await expect(store.createPromotion(promotionFixture({ comment: 'x\u0000' }), auditInput())).rejects.toThrow(
        StoreInputError,
      );
      await expect(store.verifyAudit()).resolves.toEqual({ ok: true, count: 0 });
    } finally {
      await store.end();
    }
  });
});

describe('PostgresStore when the database cannot be used', () => {
  async function closedPort(): Promise<number> {
    return new Promise((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
  }

  it('names DATABASE_URL and the host, never the password, when nothing answers', async () => {
    const url = `postgres://tapdeck:hunter2-secret@127.0.0.1:${await closedPort()}/tapdeck`;
    const error = await openPostgresStore(url, { connectTimeoutMs: 2_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreOpenError);
    const { message } = error as Error;
    expect(message).toMatch(
      /^cannot open the tapdeck database at DATABASE_URL postgres:\/\/tapdeck:\*\*\*@127\.0\.0\.1:\d+\/tapdeck: /,
    );
    expect(message).toMatch(
      /the PostgreSQL server at 127\.0\.0\.1:\d+ does not answer \(.*ECONNREFUSED.*\); check the host and port in DATABASE_URL/,
    );
    expect(message).not.toContain('hunter2');
  });

  it('says which part of DATABASE_URL to fix for an unknown user, an unknown database or an unparseable URL', async () => {
    const base = new URL(server.url);
    const unknownUser = `postgres://nobody:pw@${base.host}/tapdeck`;
    await expect(openPostgresStore(unknownUser)).rejects.toThrow(
      /role "nobody" does not exist.*check the user and password in DATABASE_URL/,
    );
    const unknownDb = `postgres://tapdeck@${base.host}/no_such_db`;
    await expect(openPostgresStore(unknownDb)).rejects.toThrow(
      /database "no_such_db" does not exist; create it or fix the database name/,
    );
    const broken = 'postgres://tapdeck:pa ss@host:notaport/db';
    const error = await openPostgresStore(broken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreOpenError);
    expect((error as Error).message).toBe(
      'cannot open the tapdeck database at DATABASE_URL (not a parseable URL): DATABASE_URL is not a valid URL',
    );
  });

  it('fails each call with the reason while the database is missing, then works once it exists', async () => {
    const name = `store_late_${++databases}`;
    const store: PostgresStore = createPostgresStore(new URL(name, `${server.url}/`).toString().replace(/\/tapdeck\//, '/'));
    try {
      await expect(store.listAudit()).rejects.toThrow(StoreOpenError);
      await server.createDatabase(name);
      await expect(store.appendAudit(auditInput())).resolves.toMatchObject({ seq: 1 });
    } finally {
      await store.end();
    }
  });
});

describe('PostgresStore across processes', () => {
  it('lets four instances open a fresh database together and keeps one chain of their simultaneous appends', async () => {
    // Four pools are four instances to the server: separate connections, no lock shared in this process.
    const url = await freshDatabase();
    const stores = await Promise.all(Array.from({ length: 4 }, () => openPostgresStore(url, { maxConnections: 3 })));
    try {
      const appended = await Promise.all(
        stores.flatMap((store, i) => Array.from({ length: 50 }, () => store.appendAudit(auditInput({ actor: `instance-${i}` })))),
      );
      expect(appended.map((entry) => entry.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
      expect(new Set(appended.map((entry) => entry.prevHash)).size).toBe(200);
      await expect(stores[3]!.verifyAudit()).resolves.toEqual({ ok: true, count: 200 });
    } finally {
      await Promise.all(stores.map((store) => store.end()));
    }
    await withClient(url, async (client) =>
      expect((await client.query('SELECT count(*)::int AS n FROM schema_migrations')).rows[0]).toEqual({ n: MIGRATIONS.length }),
    );
  });

  it('lets exactly one of four processes execute each approved request', async () => {
    const url = await freshDatabase();
    const store = await openPostgresStore(url);
    try {
      const ids: string[] = [];
      for (let i = 0; i < 20; i++) {
        const request = promotionFixture({ stackName: `Stack${i}`, status: 'approved' });
        await store.createPromotion(request, auditInput({ stackName: request.stackName }));
        ids.push(request.id);
      }
      const at = startAt();
      const results = await runRaceChildren<{ tag: string; wins: string[] }>(4, () => ['execute', url, at, JSON.stringify(ids)]);
      expect(results.flatMap((result) => result.wins).sort()).toEqual([...ids].sort());
      for (const id of ids) {
        const winner = results.find((result) => result.wins.includes(id))!.tag;
        await expect(store.getPromotion(id)).resolves.toMatchObject({ status: 'executing', executedBy: winner });
      }
      expect(await store.listAudit({ action: 'promotion.executed' })).toHaveLength(20);
      await expect(store.verifyAudit()).resolves.toEqual({ ok: true, count: 40 });
    } finally {
      await store.end();
    }
  });
});
