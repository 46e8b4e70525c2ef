import type { AlarmNote, AlarmNoteInput } from '@/lib/alarms/notes';
import { hashAuditEntry, sealAuditEntry } from '@/lib/store/audit-hash';
import type {
  AlarmNoteFilter,
  AuditEntry,
  AuditFilter,
  AuditInput,
  AuditVerification,
  PromotionTransition,
  Store,
} from '@/lib/store/types';
import { OPEN_STATUSES, type Promotion, type PromotionStatus } from '../types';

/** What several MemoryStores opened on "one database" share (the store contract opens two to race them). */
export class MemoryDatabase {
  audit: AuditEntry[] = [];
  lastSeq = 0;
  /** the hash of the last entry written, even if it was deleted since (the chain continues from it) */
  lastHash = '';
  promotions = new Map<string, Promotion>();
  alarmNotes: AlarmNote[] = [];
}

const REQUIRED: ReadonlyArray<keyof AuditInput> = [
  'actor',
  'actorName',
  'actorRole',
  'action',
  'account',
  'region',
  'stackName',
  'outcome',
];

/**
 * An in-memory Store for unit tests, held to the same contract as the SQLite one (memory-store.test.ts runs
 * lib/store/store-contract.ts against it): atomic methods (nothing in a method body awaits), compare-and-set
 * transitions, the hash-chained audit log with lib/store/audit-hash.ts's hashes.
 */
export class MemoryStore implements Store {
  constructor(
    readonly db: MemoryDatabase = new MemoryDatabase(),
    private readonly now: () => Date = () => new Date(),
  ) {}

  private append(input: AuditInput): AuditEntry {
    check(input);
    // The sequence never goes back, so a deleted newest entry still shows as missing.
    const entry = sealAuditEntry(input, this.db.lastSeq + 1, this.now().toISOString(), this.db.lastHash);
    this.db.lastSeq = entry.seq;
    this.db.lastHash = entry.hash;
    this.db.audit.push(entry);
    return structuredClone(entry);
  }

  async addAlarmNote(input: AlarmNoteInput, audit: AuditInput): Promise<AlarmNote> {
    check(audit);
    if (input.kind === 'muted' && !input.expiresAt) throw new Error('a mute needs expiresAt');
    const present = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as AlarmNoteInput;
    const note: AlarmNote = { ...present, id: this.db.alarmNotes.length + 1, at: this.now().toISOString() };
    this.append(audit);
    this.db.alarmNotes.push(note);
    return structuredClone(note);
  }

  async listAlarmNotes(stackName: string, filter: AlarmNoteFilter = {}): Promise<AlarmNote[]> {
    const limit = filter.limit && filter.limit > 0 ? Math.min(filter.limit, 1_000) : 100;
    return this.db.alarmNotes
      .filter((n) => n.stackName === stackName && (filter.alarmName === undefined || n.alarmName === filter.alarmName))
      .reverse()
      .slice(0, limit)
      .map((n) => structuredClone(n));
  }

  async appendAudit(entry: AuditInput): Promise<AuditEntry> {
    return this.append(entry);
  }

  async listAudit(filter: AuditFilter = {}): Promise<AuditEntry[]> {
    const limit = filter.limit && filter.limit > 0 ? Math.min(filter.limit, 500) : 100;
    return this.db.audit
      .filter(
        (e) =>
          (!filter.stackName || e.stackName === filter.stackName) &&
          (!filter.action || e.action === filter.action) &&
          (!filter.actor || e.actor === filter.actor),
      )
      .filter((e) => filter.beforeSeq === undefined || e.seq < filter.beforeSeq)
      .reverse()
      .slice(0, limit)
      .map((e) => structuredClone(e));
  }

  async verifyAudit(): Promise<AuditVerification> {
    let prevHash = '';
    let count = 0;
    for (const entry of this.db.audit) {
      const expectedSeq = count + 1;
      if (entry.seq !== expectedSeq)
        return { ok: false, count, firstBadSeq: entry.seq, reason: `entry ${expectedSeq} is missing` };
      if (entry.prevHash !== prevHash || entry.hash !== hashAuditEntry(entry))
        return { ok: false, count, firstBadSeq: entry.seq, reason: `entry ${entry.seq} was altered` };
      prevHash = entry.hash;
      count += 1;
    }
    if (this.db.lastSeq > count) return { ok: false, count, firstBadSeq: count + 1, reason: `entry ${count + 1} is missing` };
    return { ok: true, count };
  }

  async createPromotion(promotion: Promotion, audit: AuditInput): Promise<Promotion | null> {
    if (this.db.promotions.has(promotion.id)) throw new Error(`promotion ${promotion.id} already exists`);
    check(audit);
    const open = [...this.db.promotions.values()].some(
      (p) => p.stackName === promotion.stackName && OPEN_STATUSES.includes(p.status),
    );
    if (open && OPEN_STATUSES.includes(promotion.status)) return null;
    this.db.promotions.set(promotion.id, structuredClone(promotion));
    this.append(audit);
    return structuredClone(promotion);
  }

  async getPromotion(id: string): Promise<Promotion | null> {
    const p = this.db.promotions.get(id);
    return p ? structuredClone(p) : null;
  }

  async listPromotionsInStatus(statuses: readonly PromotionStatus[], limit = 50): Promise<Promotion[]> {
    return [...this.db.promotions.values()]
      .filter((p) => statuses.includes(p.status))
      .sort((a, b) => b.requestedAt.localeCompare(a.requestedAt))
      .slice(0, limit)
      .map((p) => structuredClone(p));
  }

  async listPromotions(stackName: string, limit = 50): Promise<Promotion[]> {
    return [...this.db.promotions.values()]
      .filter((p) => p.stackName === stackName)
      .sort((a, b) => b.requestedAt.localeCompare(a.requestedAt))
      .slice(0, limit)
      .map((p) => structuredClone(p));
  }

  async openPromotion(stackName: string): Promise<Promotion | null> {
    const p = [...this.db.promotions.values()].find((q) => q.stackName === stackName && OPEN_STATUSES.includes(q.status));
    return p ? structuredClone(p) : null;
  }

  async transitionPromotion(id: string, transition: PromotionTransition, audit?: AuditInput): Promise<Promotion | null> {
    const p = this.db.promotions.get(id);
    if (!p || !transition.from.includes(p.status)) return null;
    if (audit) check(audit);
    const next: Promotion = {
      ...p,
      ...transition.patch,
      status: transition.to,
      updatedAt: transition.patch?.updatedAt ?? this.now().toISOString(),
    };
    // undefined in a patch clears the field, as the SQLite store does.
    for (const [key, value] of Object.entries(next))
      if (value === undefined) delete (next as unknown as Record<string, unknown>)[key];
    this.db.promotions.set(id, next);
    if (audit) this.append(audit);
    return structuredClone(next);
  }

  close(): void {}
}

function check(input: AuditInput): void {
  for (const key of REQUIRED) {
    if (typeof input[key] !== 'string') throw new Error(`audit entry without ${key}`);
  }
}
