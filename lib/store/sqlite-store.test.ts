import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OPEN_STATUSES } from '@/lib/promotion/types';
import { MIGRATIONS, MigrationError, migrate } from './migrations';
import { runRaceChildren, startAt } from './race-children';
import { AUDIT_COLUMNS } from './sqlite-rows';
import { StoreOpenError, openSqliteStore } from './sqlite-store';
import { auditInput, describeStoreContract, promotionFixture, type StoreHarness } from './store-contract';

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tapdeck-store-'));
  tempDirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A raw connection, as someone with the file would use it (dropping the append-only triggers first). */
function withRawDb<T>(path: string, work: (db: Database.Database) => T): T {
  const db = new Database(path, { timeout: 5_000 });
  try {
    return work(db);
  } finally {
    db.close();
  }
}

async function makeSqliteHarness(): Promise<StoreHarness> {
  const path = join(tempDir(), 'tapdeck.db');
  return {
    open: async () => openSqliteStore(path),
    tamperAudit: async (seq, change) =>
      withRawDb(path, (db) => {
        db.exec('DROP TRIGGER IF EXISTS audit_no_update');
        for (const [field, value] of Object.entries(change) as Array<[keyof typeof change, string]>) {
          db.prepare(`UPDATE audit SET ${AUDIT_COLUMNS[field]} = ? WHERE seq = ?`).run(value, seq);
        }
      }),
    deleteAudit: async (seq) =>
      withRawDb(path, (db) => {
        db.exec('DROP TRIGGER IF EXISTS audit_no_delete');
        db.prepare('DELETE FROM audit WHERE seq = ?').run(seq);
      }),
    dispose: async () => {},
  };
}

describeStoreContract('sqlite', makeSqliteHarness);

describe('SqliteStore', () => {
  let path: string;
  beforeEach(() => {
    path = join(tempDir(), 'tapdeck.db');
  });

  it('runs in WAL mode with synchronous FULL, foreign keys and a busy timeout', () => {
    const store = openSqliteStore(path, { busyTimeoutMs: 7_000 });
    try {
      expect(store.describeConnection()).toEqual({
        journalMode: 'wal',
        synchronous: 'FULL',
        foreignKeys: true,
        busyTimeoutMs: 7_000,
      });
    } finally {
      store.close();
    }
  });

  it('migrates once: opening again applies nothing, and the versions are recorded', () => {
    openSqliteStore(path).close();
    openSqliteStore(path).close();
    withRawDb(path, (db) => {
      expect(migrate(db)).toEqual([]);
      const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
      expect(versions).toEqual(MIGRATIONS.map((migration) => migration.version));
    });
  });

  it('refuses a database migrated by a newer tapdeck', () => {
    openSqliteStore(path).close();
    withRawDb(path, (db) =>
      db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', '')").run(),
    );
    expect(() => openSqliteStore(path)).toThrow(StoreOpenError);
    withRawDb(path, (db) => expect(() => migrate(db)).toThrow(MigrationError));
  });

  it('keeps the one-open-request index in step with OPEN_STATUSES', () => {
    openSqliteStore(path).close();
    const sql = withRawDb(path, (db) =>
      db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'promotions_one_open_per_stack'").pluck().get(),
    ) as string;
    const listed = [...sql.matchAll(/'([^']+)'/g)].map((match) => match[1]);
    expect(listed.sort()).toEqual([...OPEN_STATUSES].sort());
  });

  it('refuses ordinary updates and deletes of audit entries', async () => {
    const store = openSqliteStore(path);
    await store.appendAudit(auditInput());
    store.close();
    withRawDb(path, (db) => {
      expect(() => db.prepare("UPDATE audit SET outcome = 'edited'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
    });
  });

  it('names the path when the file is not a database', () => {
    writeFileSync(path, 'this is not a SQLite database\n'.repeat(200));
    expect(() => openSqliteStore(path)).toThrow(StoreOpenError);
    expect(() => openSqliteStore(path)).toThrow(
      `cannot open the tapdeck database at ${path}: the file is not a usable SQLite database`,
    );
  });

  it('names the path when it cannot be created or written', () => {
    const blocker = join(tempDir(), 'a-file');
    writeFileSync(blocker, '');
    const underFile = join(blocker, 'tapdeck.db');
    expect(() => openSqliteStore(underFile)).toThrow(`cannot open the tapdeck database at ${underFile}`);
    const directory = join(tempDir(), 'a-directory');
    mkdirSync(directory);
    expect(() => openSqliteStore(directory)).toThrow(`cannot open the tapdeck database at ${directory}`);
  });
});

describe('SqliteStore across processes', () => {
  it('opens a fresh file from four processes at once and keeps one chain of their appends', async () => {
    const dir = tempDir();
    const path = join(dir, 'fresh.db');
    const at = startAt();
    const results = await runRaceChildren<{ seqs: number[] }>(4, () => ['append', path, at, '50']);
    const seqs = results.flatMap((result) => result.seqs).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    const store = openSqliteStore(path);
    try {
      await expect(store.verifyAudit()).resolves.toEqual({ ok: true, count: 200 });
    } finally {
      store.close();
    }
    withRawDb(path, (db) => expect(db.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(MIGRATIONS.length));
  });

  it('lets exactly one of four processes execute each approved request', async () => {
    const path = join(tempDir(), 'race.db');
    const store = openSqliteStore(path);
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const request = promotionFixture({ stackName: `Stack${i}`, status: 'approved' });
      await store.createPromotion(request, auditInput({ stackName: request.stackName }));
      ids.push(request.id);
    }
    const at = startAt();
    const results = await runRaceChildren<{ tag: string; wins: string[] }>(4, () => ['execute', path, at, JSON.stringify(ids)]);
    const wins = results.flatMap((result) => result.wins);
    expect(wins.sort()).toEqual([...ids].sort());
    for (const id of ids) {
      const winner = results.find((result) => result.wins.includes(id))!.tag;
      await expect(store.getPromotion(id)).resolves.toMatchObject({ status: 'executing', executedBy: winner });
    }
    expect(await store.listAudit({ action: 'promotion.executed' })).toHaveLength(20);
    await expect(store.verifyAudit()).resolves.toEqual({ ok: true, count: 40 });
    store.close();
  });
});
