import type pg from 'pg';
import { MigrationError, type Migration } from './migrations';

/**
 * The schema of lib/store/migrations.ts in PostgreSQL's dialect: the same tables, columns, versions and names,
 * so both engines hold the same logical data. Times are timestamptz (read back as ISO strings with milliseconds,
 * postgres-rows.ts), maps and arrays jsonb. A migration, once released, never changes: a new need is a new
 * entry here and in migrations.ts, under the same version.
 */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'audit log and promotion requests',
    sql: /* sql */ `
      -- seq is assigned by the store (audit_head.last_seq + 1, the head row locked), not by a sequence, so the
      -- chain has no gaps and a deleted newest row followed by a new append leaves a visible one.
      CREATE TABLE audit (
        seq            integer PRIMARY KEY,
        at             timestamptz NOT NULL,
        actor          text NOT NULL,
        actor_name     text NOT NULL,
        actor_role     text NOT NULL,
        action         text NOT NULL,
        account        text NOT NULL,
        region         text NOT NULL,
        stack_name     text NOT NULL,
        promotion_id   text,
        change_set_arn text,
        token          text,
        params_before  jsonb,
        params_after   jsonb,
        outcome        text NOT NULL,
        comment        text,
        prev_hash      text NOT NULL,
        hash           text NOT NULL
      );
      CREATE INDEX audit_by_stack ON audit (stack_name, seq);
      CREATE INDEX audit_by_actor ON audit (actor, seq);
      CREATE INDEX audit_by_action ON audit (action, seq);
      CREATE INDEX audit_by_promotion ON audit (promotion_id, seq) WHERE promotion_id IS NOT NULL;

      -- The chain's head: every append locks it (SELECT … FOR UPDATE), so appends from any number of instances
      -- take turns, and comparing it with the log shows a removed newest entry.
      CREATE TABLE audit_head (
        id        integer PRIMARY KEY CHECK (id = 1),
        count     integer NOT NULL,
        last_seq  integer NOT NULL,
        last_hash text NOT NULL
      );
      INSERT INTO audit_head (id, count, last_seq, last_hash) VALUES (1, 0, 0, '');

      -- Accidental edits fail loudly; deliberate ones (dropping these first) are what verification catches.
      CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'the audit log is append-only'; END;
      $$;
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit FOR EACH ROW EXECUTE FUNCTION audit_append_only();
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit FOR EACH ROW EXECUTE FUNCTION audit_append_only();

      CREATE TABLE promotions (
        id                text PRIMARY KEY,
        stack_name        text NOT NULL,
        stack_id          text NOT NULL,
        account           text NOT NULL,
        region            text NOT NULL,
        status            text NOT NULL,
        requested_by      text NOT NULL,
        requested_by_name text NOT NULL,
        requested_by_role text NOT NULL,
        requested_at      timestamptz NOT NULL,
        comment           text,
        change_set_name   text NOT NULL,
        change_set_arn    text,
        change_set_hash   text,
        changes           jsonb NOT NULL,
        params_before     jsonb NOT NULL,
        params_after      jsonb NOT NULL,
        token             text NOT NULL,
        decided_by        text,
        decided_by_name   text,
        decided_at        timestamptz,
        decision_comment  text,
        expires_at        timestamptz,
        executed_by       text,
        executed_at       timestamptz,
        finished_at       timestamptz,
        outcome           text,
        last_error        text,
        updated_at        timestamptz NOT NULL,
        -- SQLite's rowid: the tie-break for requests made in the same millisecond, newest first.
        created_order     bigint GENERATED ALWAYS AS IDENTITY
      );
      CREATE INDEX promotions_by_stack ON promotions (stack_name, requested_at);
      -- At most one open request per stack, enforced by the database across instances. The list is OPEN_STATUSES
      -- (lib/promotion/types.ts), written out because an index cannot take parameters; a test checks they agree.
      CREATE UNIQUE INDEX promotions_one_open_per_stack ON promotions (stack_name)
        WHERE status IN ('creating', 'awaiting-approval', 'approved', 'executing');
    `,
  },
  {
    version: 2,
    name: 'alarm acknowledgements and mutes',
    sql: /* sql */ `
      CREATE TABLE alarm_notes (
        id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at         timestamptz NOT NULL,
        kind       text NOT NULL CHECK (kind IN ('acknowledged', 'muted', 'unmuted')),
        stack_name text NOT NULL,
        alarm_name text NOT NULL,
        by_id      text NOT NULL,
        by_name    text NOT NULL,
        note       text,
        reason     text,
        expires_at timestamptz,
        CHECK (kind <> 'muted' OR expires_at IS NOT NULL)
      );
      CREATE INDEX alarm_notes_by_stack ON alarm_notes (stack_name, id);
      CREATE INDEX alarm_notes_by_alarm ON alarm_notes (stack_name, alarm_name, id);
    `,
  },
];

/** Any fixed number: the advisory lock every tapdeck instance takes while it migrates ('tapd' in ASCII). */
export const MIGRATION_LOCK_KEY = 0x74617064;

/**
 * Brings the database up to the newest migration and returns the versions it applied. One transaction holding
 * a transaction-scoped advisory lock around "read the versions → apply → record": instances starting together
 * queue on the lock, and each one after the first finds nothing left to do. A failed migration rolls back whole.
 */
export async function migratePostgres(
  client: pg.ClientBase,
  migrations: readonly Migration[] = POSTGRES_MIGRATIONS,
): Promise<number[]> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((row) => row.version));
    const newest = Math.max(0, ...migrations.map((migration) => migration.version));
    const unknown = [...applied].filter((version) => version > newest);
    if (unknown.length > 0) {
      throw new MigrationError(
        `the database has schema version ${Math.max(...unknown)}, newer than this tapdeck knows (${newest}): upgrade tapdeck`,
      );
    }
    const done: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      done.push(migration.version);
    }
    await client.query('COMMIT');
    return done;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
