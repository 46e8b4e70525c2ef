import pg from 'pg';
import type { AlarmNote, AlarmNoteInput } from '@/lib/alarms/notes';
import { OPEN_STATUSES, type Promotion, type PromotionStatus } from '@/lib/promotion/types';
import { sealAuditEntry } from './audit-hash';
import { createChainVerifier, type AuditHead } from './audit-verify';
import { migratePostgres } from './postgres-migrations';
import { inputError, isConnectionFailure, openError, unavailableError } from './postgres-errors';
import { assignments, insertStatement, storeTypes } from './postgres-rows';
import {
  ALARM_NOTE_COLUMNS,
  AUDIT_COLUMNS,
  PROMOTION_COLUMNS,
  alarmNoteFromRow,
  alarmNoteParams,
  auditFromRow,
  auditParams,
  promotionFromRow,
  promotionParams,
} from './sqlite-rows';
import { ALARM_NOTES_DEFAULT, ALARM_NOTES_MAX, AUDIT_LIST_DEFAULT, AUDIT_LIST_MAX } from './sqlite-store';
import type {
  AlarmNoteFilter,
  AuditEntry,
  AuditFilter,
  AuditInput,
  AuditVerification,
  PromotionTransition,
  Store,
} from './types';

/**
 * The Store on PostgreSQL (node-postgres), for several tapdeck instances on one database. Each method is one
 * transaction at READ COMMITTED, and what makes it safe across instances is in the database, not in a process:
 * - an audit append locks the chain's head row (SELECT … FOR UPDATE) in the transaction of the change it records,
 *   so appends from every instance take turns and the chain never forks;
 * - a transition is one `UPDATE … WHERE status = ANY($from) RETURNING *`: concurrent ones queue on the row lock
 *   and re-check the status after the winner commits, so exactly one applies;
 * - one open request per stack is a partial unique index: the second insert fails on it and reads as "refused";
 * - migrations run under an advisory lock (postgres-migrations.ts).
 * The pool connects and migrates on first use (getStore() stays synchronous); a failed start is retried by the
 * next call, so an instance started before its database recovers once the database is up.
 */
export interface PostgresStoreOptions {
  /** The clock for audit times and `updatedAt` (tests). */
  now?: () => Date;
  /** Connections in this instance's pool. */
  maxConnections?: number;
  /** How long to wait for a connection before failing (an unreachable server must not hang a page). */
  connectTimeoutMs?: number;
  /** Where errors of idle connections go (the server restarted): logged, never thrown. */
  log?: (message: string, error?: unknown) => void;
}

type Row = Record<string, unknown>;
const PROMOTION_LIST_DEFAULT = 50;
const PROMOTION_LIST_MAX = 500;
const VERIFY_PAGE = 1_000;

const clamp = (value: number | undefined, fallback: number, max: number) =>
  Number.isFinite(value) ? Math.min(max, Math.max(1, Math.floor(value as number))) : fallback;

/** Thrown inside a transaction to roll it back and answer null (a refused create or transition). */
class Refused extends Error {}

const isOpenRequestConflict = (error: unknown) =>
  error instanceof pg.DatabaseError && error.code === '23505' && error.constraint === 'promotions_one_open_per_stack';

/** listAudit's optional conditions: fixed SQL text per filter field, values always bound. */
const AUDIT_FILTERS = [
  ['stackName', 'stack_name = $'],
  ['action', 'action = $'],
  ['actor', 'actor = $'],
  ['beforeSeq', 'seq < $'],
] as const;

/** The pool and a store on it; nothing connects until the first call. */
export function createPostgresStore(url: string, options: PostgresStoreOptions = {}): PostgresStore {
  return new PostgresStore(url, options);
}

/** A store that has connected and migrated, or a StoreOpenError saying why not. */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
  const store = createPostgresStore(url, options);
  try {
    await store.ready();
  } catch (error) {
    await store.end();
    throw error;
  }
  return store;
}

export class PostgresStore implements Store {
  private readonly pool: pg.Pool;
  private readonly now: () => Date;
  private migrated: Promise<void> | undefined;
  private ended = false;

  constructor(
    private readonly url: string,
    options: PostgresStoreOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    let config: pg.PoolConfig;
    try {
      // Parsed here so a URL pg cannot read fails as a StoreOpenError naming DATABASE_URL, on first use.
      new URL(url);
      config = { connectionString: url };
    } catch (error) {
      config = {};
      this.migrated = Promise.reject(openError(url, new Error('DATABASE_URL is not a valid URL', { cause: error })));
      this.migrated.catch(() => undefined);
    }
    this.pool = new pg.Pool({
      ...config,
      max: options.maxConnections ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
      idleTimeoutMillis: 30_000,
      application_name: 'tapdeck',
      types: storeTypes,
    });
    const log = options.log ?? ((message, error) => console.error(`[store] ${message}`, error ?? ''));
    // An idle connection's error (the server restarted) is emitted here; unheard, it would crash the process.
    this.pool.on('error', (error) => log('an idle PostgreSQL connection failed; the pool replaces it', error));
  }

  /** Connects and migrates once; a failure is a StoreOpenError, and the next call tries again. */
  ready(): Promise<void> {
    this.migrated ??= this.migrate().catch((error: unknown) => {
      this.migrated = undefined;
      throw openError(this.url, error);
    });
    return this.migrated;
  }

  private async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await migratePostgres(client);
      client.release();
    } catch (error) {
      client.release(error instanceof Error ? error : true);
      throw error;
    }
  }

  /** One statement outside a transaction (reads). */
  private async query(text: string, values: unknown[] = []): Promise<Row[]> {
    await this.ready();
    try {
      return (await this.pool.query(text, values)).rows as Row[];
    } catch (error) {
      throw isConnectionFailure(error) ? unavailableError(this.url, error) : (inputError(error) ?? error);
    }
  }

  /** `work` in one transaction: committed when it returns, rolled back when it throws (Refused → null). */
  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T | null> {
    await this.ready();
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw unavailableError(this.url, error);
    }
    let broken: Error | undefined;
    try {
      await client.query(begin);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      if (isConnectionFailure(error)) {
        broken = error as Error;
        throw unavailableError(this.url, error);
      }
      await client.query('ROLLBACK').catch((rollbackError: unknown) => (broken = rollbackError as Error));
      if (error instanceof Refused) return null;
      throw inputError(error) ?? error;
    } finally {
      // A connection that failed mid-transaction is dropped, not returned to the pool.
      client.release(broken);
    }
  }

  /** Only inside a transaction: the head row stays locked until it commits, so no other append comes between. */
  private async appendIn(client: pg.PoolClient, input: AuditInput): Promise<AuditEntry> {
    const { rows } = await client.query<AuditHead>('SELECT count, last_seq, last_hash FROM audit_head WHERE id = 1 FOR UPDATE');
    const head = rows[0];
    if (!head) throw new Error('the audit_head row is missing: the audit log was tampered with; run verifyAudit()');
    const entry = sealAuditEntry(input, head.last_seq + 1, this.now().toISOString(), head.last_hash);
    const { text, values } = insertStatement('audit', AUDIT_COLUMNS, auditParams(entry));
    await client.query(text, values);
    await client.query('UPDATE audit_head SET count = count + 1, last_seq = $1, last_hash = $2 WHERE id = 1', [
      entry.seq,
      entry.hash,
    ]);
    return entry;
  }

  async appendAudit(entry: AuditInput): Promise<AuditEntry> {
    return (await this.transaction((client) => this.appendIn(client, entry)))!;
  }

  async listAudit(filter: AuditFilter = {}): Promise<AuditEntry[]> {
    const used = AUDIT_FILTERS.filter(([field]) => filter[field] !== undefined);
    const where = used.length ? `WHERE ${used.map(([, condition], i) => `${condition}${i + 1}`).join(' AND ')}` : '';
    const values: unknown[] = used.map(([field]) => filter[field]);
    values.push(clamp(filter.limit, AUDIT_LIST_DEFAULT, AUDIT_LIST_MAX));
    const rows = await this.query(`SELECT * FROM audit ${where} ORDER BY seq DESC LIMIT $${values.length}`, values);
    return rows.map((row) => auditFromRow(row));
  }

  async verifyAudit(): Promise<AuditVerification> {
    // One snapshot for the head and every page of rows, even while other instances append.
    const result = await this.transaction(async (client) => {
      const head = (await client.query<AuditHead>('SELECT count, last_seq, last_hash FROM audit_head WHERE id = 1')).rows[0];
      const verifier = createChainVerifier();
      for (let after = -1; ; ) {
        const { rows } = await client.query<Row>('SELECT * FROM audit WHERE seq > $1 ORDER BY seq LIMIT $2', [
          after,
          VERIFY_PAGE,
        ]);
        for (const row of rows) {
          const problem = verifier.check(Number(row.seq), row.prev_hash, () => auditFromRow(row));
          if (problem) return problem;
        }
        if (rows.length < VERIFY_PAGE) break;
        after = Number(rows.at(-1)!.seq);
      }
      return verifier.finish(head);
    }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    return result!;
  }

  async createPromotion(promotion: Promotion, audit: AuditInput): Promise<Promotion | null> {
    return this.transaction(async (client) => {
      const { text, values } = insertStatement('promotions', PROMOTION_COLUMNS, promotionParams(promotion));
      let row: Row;
      try {
        row = (await client.query<Row>(text, values)).rows[0]!;
      } catch (error) {
        if (isOpenRequestConflict(error)) throw new Refused();
        throw error;
      }
      await this.appendIn(client, audit);
      return promotionFromRow(row);
    });
  }

  async getPromotion(id: string): Promise<Promotion | null> {
    const [row] = await this.query('SELECT * FROM promotions WHERE id = $1', [id]);
    return row ? promotionFromRow(row) : null;
  }

  async listPromotions(stackName: string, limit?: number): Promise<Promotion[]> {
    const rows = await this.query(
      'SELECT * FROM promotions WHERE stack_name = $1 ORDER BY requested_at DESC, created_order DESC LIMIT $2',
      [stackName, clamp(limit, PROMOTION_LIST_DEFAULT, PROMOTION_LIST_MAX)],
    );
    return rows.map((row) => promotionFromRow(row));
  }

  async openPromotion(stackName: string): Promise<Promotion | null> {
    const [row] = await this.query(
      'SELECT * FROM promotions WHERE stack_name = $1 AND status = ANY($2::text[]) ORDER BY requested_at DESC LIMIT 1',
      [stackName, OPEN_STATUSES],
    );
    return row ? promotionFromRow(row) : null;
  }

  async listPromotionsInStatus(statuses: readonly PromotionStatus[], limit?: number): Promise<Promotion[]> {
    const rows = await this.query(
      'SELECT * FROM promotions WHERE status = ANY($1::text[]) ORDER BY requested_at DESC, created_order DESC LIMIT $2',
      [statuses, clamp(limit, PROMOTION_LIST_DEFAULT, PROMOTION_LIST_MAX)],
    );
    return rows.map((row) => promotionFromRow(row));
  }

  async transitionPromotion(id: string, transition: PromotionTransition, audit?: AuditInput): Promise<Promotion | null> {
    // Only the patch's own fields change (one set to undefined is cleared); id and status are not patchable.
    const changed: Partial<Promotion> = {
      ...transition.patch,
      updatedAt: transition.patch?.updatedAt ?? this.now().toISOString(),
    };
    delete changed.id;
    delete changed.status;
    const all = promotionParams(changed as Promotion);
    const params = Object.fromEntries(Object.entries(all).filter(([field]) => field in changed));
    const set = assignments(PROMOTION_COLUMNS, params, 2);
    const n = set.values.length + 2;
    return this.transaction(async (client) => {
      let row: Row | undefined;
      try {
        ({
          rows: [row],
        } = await client.query<Row>(
          `UPDATE promotions SET status = $1, ${set.text} WHERE id = $${n} AND status = ANY($${n + 1}::text[]) RETURNING *`,
          [transition.to, ...set.values, id, transition.from],
        ));
      } catch (error) {
        // Moving to an open status while the stack has another open request: refused like createPromotion.
        if (isOpenRequestConflict(error)) throw new Refused();
        throw error;
      }
      if (!row) throw new Refused();
      if (audit) await this.appendIn(client, audit);
      return promotionFromRow(row);
    });
  }

  async addAlarmNote(note: AlarmNoteInput, audit: AuditInput): Promise<AlarmNote> {
    const params = alarmNoteParams({ ...note, id: 0, at: this.now().toISOString() });
    delete params.id;
    const { text, values } = insertStatement('alarm_notes', ALARM_NOTE_COLUMNS, params);
    const stored = await this.transaction(async (client) => {
      const row = (await client.query<Row>(text, values)).rows[0]!;
      await this.appendIn(client, audit);
      return alarmNoteFromRow(row);
    });
    return stored!;
  }

  async listAlarmNotes(stackName: string, filter: AlarmNoteFilter = {}): Promise<AlarmNote[]> {
    const limit = clamp(filter.limit, ALARM_NOTES_DEFAULT, ALARM_NOTES_MAX);
    const rows =
      filter.alarmName === undefined
        ? await this.query('SELECT * FROM alarm_notes WHERE stack_name = $1 ORDER BY id DESC LIMIT $2', [stackName, limit])
        : await this.query('SELECT * FROM alarm_notes WHERE stack_name = $1 AND alarm_name = $2 ORDER BY id DESC LIMIT $3', [
            stackName,
            filter.alarmName,
            limit,
          ]);
    return rows.map((row) => alarmNoteFromRow(row));
  }

  close(): void {
    void this.end();
  }

  /** Closes the pool and waits for its connections to end (close() without the wait, as Store has it). */
  async end(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    await this.pool.end();
  }
}
