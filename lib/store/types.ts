import type { AlarmNote, AlarmNoteInput } from '@/lib/alarms/notes';
import type { Role } from '@/lib/auth/roles';
import type { Promotion, PromotionStatus } from '@/lib/promotion/types';

export type AuditAction =
  | 'promotion.requested'
  | 'promotion.change-set-ready'
  | 'promotion.request-failed'
  | 'promotion.approved'
  | 'promotion.rejected'
  | 'promotion.cancelled'
  | 'promotion.expired'
  | 'promotion.voided'
  | 'promotion.execute-refused'
  | 'promotion.execute-failed'
  | 'promotion.executed'
  | 'promotion.promoted'
  | 'promotion.rolled-back'
  | 'stack.demoted'
  | 'stack.demote-failed'
  | 'execution.dry-run-started'
  | 'alarm.acknowledged'
  | 'alarm.muted'
  | 'alarm.unmuted';

/** What the caller says happened; the store adds the sequence number, time and hashes. */
export interface AuditInput {
  actor: string;
  actorName: string;
  actorRole: Role | 'system';
  action: AuditAction;
  account: string;
  region: string;
  stackName: string;
  promotionId?: string;
  changeSetArn?: string;
  token?: string;
  paramsBefore?: Record<string, string>;
  paramsAfter?: Record<string, string>;
  /** 'ok', or what went wrong in a sentence */
  outcome: string;
  comment?: string;
}

export interface AuditEntry extends AuditInput {
  seq: number;
  /** UTC, ISO 8601 with milliseconds */
  at: string;
  /** hash of the previous entry ('' for the first) */
  prevHash: string;
  /** sha256 hex over prevHash and this entry's canonical JSON */
  hash: string;
}

export interface AuditFilter {
  stackName?: string;
  action?: AuditAction;
  actor?: string;
  /** entries with seq below this (paging back) */
  beforeSeq?: number;
  limit?: number;
}

export type AuditVerification = { ok: true; count: number } | { ok: false; count: number; firstBadSeq: number; reason: string };

/** A compare-and-set on a promotion's status: applied only when its status is one of `from`. */
export interface PromotionTransition {
  from: readonly PromotionStatus[];
  to: PromotionStatus;
  patch?: Partial<Omit<Promotion, 'id' | 'status'>>;
}

export interface AlarmNoteFilter {
  alarmName?: string;
  limit?: number;
}

/**
 * Everything tapdeck persists. Each method is one transaction: a state change and the audit entry that records
 * it commit together or not at all. Async although SQLite is synchronous, so a PostgreSQL implementation can
 * follow with the same tests.
 */
export interface Store {
  appendAudit(entry: AuditInput): Promise<AuditEntry>;
  listAudit(filter?: AuditFilter): Promise<AuditEntry[]>;
  verifyAudit(): Promise<AuditVerification>;

  /** Inserts a request; refuses (returns null) when the stack already has an open one (OPEN_STATUSES). */
  createPromotion(promotion: Promotion, audit: AuditInput): Promise<Promotion | null>;
  getPromotion(id: string): Promise<Promotion | null>;
  /** Newest first. */
  listPromotions(stackName: string, limit?: number): Promise<Promotion[]>;
  openPromotion(stackName: string): Promise<Promotion | null>;
  /** Requests of any stack in one of `statuses`, newest first (50 by default, at most 500): what to resume watching. */
  listPromotionsInStatus(statuses: readonly PromotionStatus[], limit?: number): Promise<Promotion[]>;
  /** Applies the transition and appends `audit` atomically; null when the status was not in `from`. */
  transitionPromotion(id: string, transition: PromotionTransition, audit?: AuditInput): Promise<Promotion | null>;

  /** Records an acknowledgement, mute or unmute with its audit entry, atomically; the note as stored (id, at). */
  addAlarmNote(note: AlarmNoteInput, audit: AuditInput): Promise<AlarmNote>;
  /** A stack's alarm notes, newest first (100 by default, at most 1000), optionally of one alarm. */
  listAlarmNotes(stackName: string, filter?: AlarmNoteFilter): Promise<AlarmNote[]>;

  close(): void;
}
