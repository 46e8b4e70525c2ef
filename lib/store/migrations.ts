import type { Database } from 'better-sqlite3';

/**
 * The SQLite schema, as numbered migrations kept in TypeScript so Next bundles them with the server (no .sql
 * files to locate at run time). A migration, once released, never changes: a new need is a new entry.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'audit log and promotion requests',
    sql: /* sql */ `
      -- seq is assigned by the store (audit_head.last_seq + 1), not by SQLite's rowid reuse, so a deleted newest
      -- row followed by a new append leaves a visible gap.
      CREATE TABLE audit (
        seq            INTEGER PRIMARY KEY,
        at             TEXT NOT NULL,
        actor          TEXT NOT NULL,
        actor_name     TEXT NOT NULL,
        actor_role     TEXT NOT NULL,
        action         TEXT NOT NULL,
        account        TEXT NOT NULL,
        region         TEXT NOT NULL,
        stack_name     TEXT NOT NULL,
        promotion_id   TEXT,
        change_set_arn TEXT,
        token          TEXT,
        params_before  TEXT,  -- JSON object
        params_after   TEXT,  -- JSON object
        outcome        TEXT NOT NULL,
        comment        TEXT,
        prev_hash      TEXT NOT NULL,
        hash           TEXT NOT NULL
      );
      CREATE INDEX audit_by_stack ON audit (stack_name, seq);
      CREATE INDEX audit_by_actor ON audit (actor, seq);
      CREATE INDEX audit_by_action ON audit (action, seq);
      CREATE INDEX audit_by_promotion ON audit (promotion_id, seq) WHERE promotion_id IS NOT NULL;

      -- The chain's head, updated in the transaction of every append. A chain cannot show that its newest link
      -- was removed; comparing it with this row can.
      CREATE TABLE audit_head (
        id        INTEGER PRIMARY KEY CHECK (id = 1),
        count     INTEGER NOT NULL,
        last_seq  INTEGER NOT NULL,
        last_hash TEXT NOT NULL
      );
      INSERT INTO audit_head (id, count, last_seq, last_hash) VALUES (1, 0, 0, '');

      -- Accidental edits fail loudly; deliberate ones (dropping these first) are what verification catches.
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

      CREATE TABLE promotions (
        id                TEXT PRIMARY KEY,
        stack_name        TEXT NOT NULL,
        stack_id          TEXT NOT NULL,
        account           TEXT NOT NULL,
        region            TEXT NOT NULL,
        status            TEXT NOT NULL,
        requested_by      TEXT NOT NULL,
        requested_by_name TEXT NOT NULL,
        requested_by_role TEXT NOT NULL,
        requested_at      TEXT NOT NULL,
        comment           TEXT,
        change_set_name   TEXT NOT NULL,
        change_set_arn    TEXT,
        change_set_hash   TEXT,
        changes           TEXT NOT NULL,  -- JSON array of ChangeRow
        params_before     TEXT NOT NULL,  -- JSON object
        params_after      TEXT NOT NULL,  -- JSON object
        token             TEXT NOT NULL,
        decided_by        TEXT,
        decided_by_name   TEXT,
        decided_at        TEXT,
        decision_comment  TEXT,
        expires_at        TEXT,
        executed_by       TEXT,
        executed_at       TEXT,
        finished_at       TEXT,
        outcome           TEXT,
        last_error        TEXT,
        updated_at        TEXT NOT NULL
      );
      CREATE INDEX promotions_by_stack ON promotions (stack_name, requested_at);
      -- At most one open request per stack. The list is OPEN_STATUSES (lib/promotion/types.ts), written out
      -- because an index cannot take parameters; sqlite-store.test.ts checks the two agree.
      CREATE UNIQUE INDEX promotions_one_open_per_stack ON promotions (stack_name)
        WHERE status IN ('creating', 'awaiting-approval', 'approved', 'executing');
    `,
  },
  {
    version: 2,
    name: 'alarm acknowledgements and mutes',
    sql: /* sql */ `
      -- Append-only like the audit log: an alarm's acknowledgement and mute are whatever its newest rows say
      -- (lib/alarms/notes.ts alarmMarks), so history is never lost and two writers never overwrite each other.
      CREATE TABLE alarm_notes (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        at         TEXT NOT NULL,
        kind       TEXT NOT NULL CHECK (kind IN ('acknowledged', 'muted', 'unmuted')),
        stack_name TEXT NOT NULL,
        alarm_name TEXT NOT NULL,
        by_id      TEXT NOT NULL,
        by_name    TEXT NOT NULL,
        note       TEXT,
        reason     TEXT,
        expires_at TEXT,
        CHECK (kind <> 'muted' OR expires_at IS NOT NULL)
      );
      CREATE INDEX alarm_notes_by_stack ON alarm_notes (stack_name, id);
      CREATE INDEX alarm_notes_by_alarm ON alarm_notes (stack_name, alarm_name, id);
    `,
  },
];

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/**
 * Brings the database up to the newest migration and returns the versions it applied. Runs in one
 * BEGIN IMMEDIATE transaction: two processes opening a fresh file together take turns (the second waits on
 * busy_timeout, then finds nothing left to do), and a failed migration leaves the schema as it was.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const run = db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    INTEGER PRIMARY KEY,
      name       TEXT NOT NULL,
      applied_at TEXT NOT NULL
    )`);
    const applied = new Set(
      (db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>).map((row) => row.version),
    );
    const newest = Math.max(0, ...migrations.map((migration) => migration.version));
    const unknown = [...applied].filter((version) => version > newest);
    if (unknown.length > 0) {
      throw new MigrationError(
        `the database has schema version ${Math.max(...unknown)}, newer than this tapdeck knows (${newest}): upgrade tapdeck`,
      );
    }
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    const done: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(migration.version)) continue;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
      done.push(migration.version);
    }
    return done;
  });
  return run.immediate();
}
