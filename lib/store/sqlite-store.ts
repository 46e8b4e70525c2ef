import Database from 'better-sqlite3';
import type { AlarmNote, AlarmNoteInput } from '@/lib/alarms/notes';
import { OPEN_STATUSES, type Promotion, type PromotionStatus } from '@/lib/promotion/types';
import { sealAuditEntry } from './audit-hash';
import { createChainVerifier, type AuditHead } from './audit-verify';
import { StoreOpenError } from './errors';
import { migrate } from './migrations';
import {
  ALARM_NOTE_COLUMNS,
  AUDIT_COLUMNS,
  alarmNoteFromRow,
  alarmNoteParams,
  PROMOTION_COLUMNS,
  auditFromRow,
  auditParams,
  insertLists,
  promotionFromRow,
  promotionParams,
} from './sqlite-rows';
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
 * The Store on SQLite (better-sqlite3). Every write is one BEGIN IMMEDIATE transaction: it takes the database's
 * write lock before reading, so the audit chain's head and a promotion's status are read and changed with no
 * other writer in between, whichever process or connection that writer is. A second process waits up to
 * `busyTimeoutMs` for the lock. WAL with synchronous=FULL: a write that returned is on disk.
 */
export interface SqliteStoreOptions {
  /** How long a write waits for another connection's lock before failing (SQLITE_BUSY). */
  busyTimeoutMs?: number;
  /** The clock for audit times and `updatedAt` (tests). */
  now?: () => Date;
}

export const AUDIT_LIST_DEFAULT = 100;
export const AUDIT_LIST_MAX = 500;
const PROMOTION_LIST_DEFAULT = 50;
const PROMOTION_LIST_MAX = 500;
export const ALARM_NOTES_DEFAULT = 100;
export const ALARM_NOTES_MAX = 1_000;

export interface ConnectionSettings {
  journalMode: string;
  synchronous: 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA';
  foreignKeys: boolean;
  busyTimeoutMs: number;
}

type Row = Record<string, unknown>;
type HeadRow = AuditHead;

export { StoreOpenError };

export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): SqliteStore {
  return new SqliteStore(openDatabase(path, options.busyTimeoutMs ?? 5_000), options.now ?? (() => new Date()));
}

function openDatabase(path: string, busyTimeoutMs: number): Database.Database {
  let db: Database.Database | undefined;
  try {
    // `timeout` is SQLite's busy_timeout: set before anything else, since switching to WAL may wait on a lock too.
    db = new Database(path, { timeout: busyTimeoutMs });
    const mode = switchToWal(db, busyTimeoutMs);
    if (mode !== 'wal' && !(path === ':memory:' && mode === 'memory')) {
      throw new Error(`SQLite refused WAL mode (journal_mode is ${String(mode)}); is the file on a network filesystem?`);
    }
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    return db;
  } catch (error) {
    db?.close();
    throw new StoreOpenError(path, explainOpenFailure(error), { cause: error });
  }
}

/**
 * `journal_mode = WAL` on a fresh file that other processes are opening too can fail with SQLITE_BUSY at once,
 * without the busy timeout: SQLite will not wait where waiting could deadlock (two readers both upgrading). It is
 * retried here until the busy timeout, with a short blocking pause: this runs once, while the store opens.
 */
function switchToWal(db: Database.Database, busyTimeoutMs: number): unknown {
  const deadline = Date.now() + busyTimeoutMs;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      return db.pragma('journal_mode = WAL', { simple: true });
    } catch (error) {
      const busy = error instanceof Database.SqliteError && error.code === 'SQLITE_BUSY';
      if (!busy || Date.now() > deadline) throw error;
      Atomics.wait(pause, 0, 0, 5 + Math.random() * 20);
    }
  }
}

function explainOpenFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof Database.SqliteError ? error.code : undefined;
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') return `the file is not a usable SQLite database (${message})`;
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM' || code?.startsWith('SQLITE_IOERR')) {
    return `it cannot be written (${message}); check the path and its directory's permissions`;
  }
  return message;
}

/** True for the partial unique index on open requests: the only UNIQUE (not PRIMARY KEY) constraint on promotions. */
const isOpenRequestConflict = (error: unknown) =>
  error instanceof Database.SqliteError && error.code === 'SQLITE_CONSTRAINT_UNIQUE';

const clamp = (value: number | undefined, fallback: number, max: number) =>
  Number.isFinite(value) ? Math.min(max, Math.max(1, Math.floor(value as number))) : fallback;

const auditInsert = insertLists(AUDIT_COLUMNS);
const promotionInsert = insertLists(PROMOTION_COLUMNS);
// The id is SQLite's (AUTOINCREMENT: never reused, so a newer note always has a higher id).
const NOTE_INSERT_COLUMNS = Object.fromEntries(Object.entries(ALARM_NOTE_COLUMNS).filter(([field]) => field !== 'id'));
const alarmNoteInsert = insertLists(NOTE_INSERT_COLUMNS as typeof ALARM_NOTE_COLUMNS);
const promotionAssignments = Object.entries(PROMOTION_COLUMNS)
  .filter(([field]) => field !== 'id')
  .map(([field, column]) => `${column} = @${field}`)
  .join(', ');

/** listAudit's optional conditions: fixed SQL text per filter field, values always bound. */
const AUDIT_FILTERS = [
  ['stackName', 'stack_name = @stackName'],
  ['action', 'action = @action'],
  ['actor', 'actor = @actor'],
  ['beforeSeq', 'seq < @beforeSeq'],
] as const;

export class SqliteStore implements Store {
  private readonly sql;
  private readonly auditQueries = new Map<string, Database.Statement>();
  private readonly appendTx;
  private readonly createTx;
  private readonly transitionTx;
  private readonly verifyTx;
  private readonly noteTx;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date,
  ) {
    this.sql = {
      head: db.prepare('SELECT count, last_seq, last_hash FROM audit_head WHERE id = 1'),
      setHead: db.prepare('UPDATE audit_head SET count = count + 1, last_seq = @seq, last_hash = @hash WHERE id = 1'),
      insertAudit: db.prepare(`INSERT INTO audit (${auditInsert.names}) VALUES (${auditInsert.params})`),
      allAudit: db.prepare('SELECT * FROM audit ORDER BY seq'),
      insertPromotion: db.prepare(`INSERT INTO promotions (${promotionInsert.names}) VALUES (${promotionInsert.params})`),
      // The compare-and-set: applied only while the status is still one of `from` (a JSON array).
      updatePromotion: db.prepare(
        `UPDATE promotions SET ${promotionAssignments} WHERE id = @id AND status IN (SELECT value FROM json_each(@from))`,
      ),
      promotion: db.prepare('SELECT * FROM promotions WHERE id = ?'),
      promotions: db.prepare('SELECT * FROM promotions WHERE stack_name = ? ORDER BY requested_at DESC, rowid DESC LIMIT ?'),
      insertNote: db.prepare(`INSERT INTO alarm_notes (${alarmNoteInsert.names}) VALUES (${alarmNoteInsert.params})`),
      note: db.prepare('SELECT * FROM alarm_notes WHERE id = ?'),
      notes: db.prepare('SELECT * FROM alarm_notes WHERE stack_name = ? ORDER BY id DESC LIMIT ?'),
      alarmNotes: db.prepare('SELECT * FROM alarm_notes WHERE stack_name = ? AND alarm_name = ? ORDER BY id DESC LIMIT ?'),
      promotionsInStatus: db.prepare(
        `SELECT * FROM promotions WHERE status IN (SELECT value FROM json_each(?)) ORDER BY requested_at DESC, rowid DESC LIMIT ?`,
      ),
      openPromotion: db.prepare(
        `SELECT * FROM promotions WHERE stack_name = ? AND status IN (SELECT value FROM json_each(?))
         ORDER BY requested_at DESC LIMIT 1`,
      ),
    };
    this.appendTx = db.transaction((input: AuditInput) => this.appendInTransaction(input));
    this.createTx = db.transaction((promotion: Promotion, audit: AuditInput) => {
      try {
        this.sql.insertPromotion.run(promotionParams(promotion));
      } catch (error) {
        if (isOpenRequestConflict(error)) return null;
        throw error;
      }
      this.appendInTransaction(audit);
      return this.readPromotion(promotion.id);
    });
    this.transitionTx = db.transaction((id: string, transition: PromotionTransition, audit?: AuditInput) => {
      const current = this.readPromotion(id);
      if (!current || !transition.from.includes(current.status)) return null;
      // A patch member set to undefined clears that field.
      const next: Promotion = {
        ...current,
        ...transition.patch,
        id,
        status: transition.to,
        updatedAt: transition.patch?.updatedAt ?? this.now().toISOString(),
      };
      let changed: number;
      try {
        changed = this.sql.updatePromotion.run({ ...promotionParams(next), from: JSON.stringify(transition.from) }).changes;
      } catch (error) {
        // Moving to an open status while the stack has another open request: refused like createPromotion.
        if (isOpenRequestConflict(error)) return null;
        throw error;
      }
      if (changed !== 1) return null;
      if (audit) this.appendInTransaction(audit);
      return this.readPromotion(id);
    });
    this.verifyTx = db.transaction(() => this.verifyInTransaction());
    this.noteTx = db.transaction((input: AlarmNoteInput, audit: AuditInput) => {
      const params = alarmNoteParams({ ...input, id: 0, at: this.now().toISOString() });
      delete params.id;
      const id = Number(this.sql.insertNote.run(params).lastInsertRowid);
      this.appendInTransaction(audit);
      return alarmNoteFromRow(this.sql.note.get(id) as Row);
    });
  }

  async addAlarmNote(note: AlarmNoteInput, audit: AuditInput): Promise<AlarmNote> {
    return this.noteTx.immediate(note, audit);
  }

  async listAlarmNotes(stackName: string, filter: AlarmNoteFilter = {}): Promise<AlarmNote[]> {
    const limit = clamp(filter.limit, ALARM_NOTES_DEFAULT, ALARM_NOTES_MAX);
    const rows = (
      filter.alarmName === undefined
        ? this.sql.notes.all(stackName, limit)
        : this.sql.alarmNotes.all(stackName, filter.alarmName, limit)
    ) as Row[];
    return rows.map((row) => alarmNoteFromRow(row));
  }

  async appendAudit(entry: AuditInput): Promise<AuditEntry> {
    return this.appendTx.immediate(entry);
  }

  async listAudit(filter: AuditFilter = {}): Promise<AuditEntry[]> {
    const used = AUDIT_FILTERS.filter(([field]) => filter[field] !== undefined);
    const key = used.map(([field]) => field).join(',');
    let statement = this.auditQueries.get(key);
    if (!statement) {
      const where = used.length ? `WHERE ${used.map(([, condition]) => condition).join(' AND ')}` : '';
      statement = this.db.prepare(`SELECT * FROM audit ${where} ORDER BY seq DESC LIMIT @limit`);
      this.auditQueries.set(key, statement);
    }
    const params: Row = { limit: clamp(filter.limit, AUDIT_LIST_DEFAULT, AUDIT_LIST_MAX) };
    for (const [field] of used) params[field] = filter[field];
    return (statement.all(params) as Row[]).map((row) => auditFromRow(row));
  }

  async verifyAudit(): Promise<AuditVerification> {
    // A read transaction: the head and the rows come from one snapshot even while others append.
    return this.verifyTx();
  }

  async createPromotion(promotion: Promotion, audit: AuditInput): Promise<Promotion | null> {
    return this.createTx.immediate(promotion, audit);
  }

  async getPromotion(id: string): Promise<Promotion | null> {
    return this.readPromotion(id);
  }

  async listPromotions(stackName: string, limit?: number): Promise<Promotion[]> {
    const rows = this.sql.promotions.all(stackName, clamp(limit, PROMOTION_LIST_DEFAULT, PROMOTION_LIST_MAX)) as Row[];
    return rows.map((row) => promotionFromRow(row));
  }

  async openPromotion(stackName: string): Promise<Promotion | null> {
    const row = this.sql.openPromotion.get(stackName, JSON.stringify(OPEN_STATUSES)) as Row | undefined;
    return row ? promotionFromRow(row) : null;
  }

  async listPromotionsInStatus(statuses: readonly PromotionStatus[], limit?: number): Promise<Promotion[]> {
    const max = clamp(limit, PROMOTION_LIST_DEFAULT, PROMOTION_LIST_MAX);
    const rows = this.sql.promotionsInStatus.all(JSON.stringify(statuses), max) as Row[];
    return rows.map((row) => promotionFromRow(row));
  }

  async transitionPromotion(id: string, transition: PromotionTransition, audit?: AuditInput): Promise<Promotion | null> {
    return this.transitionTx.immediate(id, transition, audit);
  }

  /** The connection's settings as SQLite reports them (tests, and a status page). */
  describeConnection(): ConnectionSettings {
    const read = (name: string) => this.db.pragma(name, { simple: true });
    return {
      journalMode: String(read('journal_mode')),
      synchronous: (['OFF', 'NORMAL', 'FULL', 'EXTRA'] as const)[Number(read('synchronous'))] ?? 'OFF',
      foreignKeys: read('foreign_keys') === 1,
      busyTimeoutMs: Number(read('busy_timeout')),
    };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private readPromotion(id: string): Promotion | null {
    const row = this.sql.promotion.get(id) as Row | undefined;
    return row ? promotionFromRow(row) : null;
  }

  /** Only inside a write transaction: the head read and the insert must have no writer in between. */
  private appendInTransaction(input: AuditInput): AuditEntry {
    const head = this.sql.head.get() as HeadRow | undefined;
    if (!head) throw new Error('the audit_head row is missing: the audit log was tampered with; run verifyAudit()');
    const entry = sealAuditEntry(input, head.last_seq + 1, this.now().toISOString(), head.last_hash);
    this.sql.insertAudit.run(auditParams(entry));
    this.sql.setHead.run({ seq: entry.seq, hash: entry.hash });
    return entry;
  }

  private verifyInTransaction(): AuditVerification {
    const head = this.sql.head.get() as HeadRow | undefined;
    const verifier = createChainVerifier();
    for (const row of this.sql.allAudit.iterate() as IterableIterator<Row>) {
      const problem = verifier.check(Number(row.seq), row.prev_hash, () => auditFromRow(row));
      if (problem) return problem;
    }
    return verifier.finish(head);
  }
}
