import type { AlarmNote } from '@/lib/alarms/notes';
import type { Promotion } from '@/lib/promotion/types';
import type { AuditEntry } from './types';

/**
 * Rows ⇄ tapdeck types for the SQLite store: one column list per table, from which the store's statements are
 * written, so a field added to Promotion or AuditEntry without a column is a compile error here.
 * NULL stands for an absent optional field; maps and arrays are JSON text.
 */

type Columns<T> = { readonly [K in keyof Required<T>]: string };
type Row = Record<string, unknown>;

export const AUDIT_COLUMNS = {
  seq: 'seq',
  at: 'at',
  actor: 'actor',
  actorName: 'actor_name',
  actorRole: 'actor_role',
  action: 'action',
  account: 'account',
  region: 'region',
  stackName: 'stack_name',
  promotionId: 'promotion_id',
  changeSetArn: 'change_set_arn',
  token: 'token',
  paramsBefore: 'params_before',
  paramsAfter: 'params_after',
  outcome: 'outcome',
  comment: 'comment',
  prevHash: 'prev_hash',
  hash: 'hash',
} as const satisfies Columns<AuditEntry>;

export const PROMOTION_COLUMNS = {
  id: 'id',
  stackName: 'stack_name',
  stackId: 'stack_id',
  account: 'account',
  region: 'region',
  status: 'status',
  requestedBy: 'requested_by',
  requestedByName: 'requested_by_name',
  requestedByRole: 'requested_by_role',
  requestedAt: 'requested_at',
  comment: 'comment',
  changeSetName: 'change_set_name',
  changeSetArn: 'change_set_arn',
  changeSetHash: 'change_set_hash',
  changes: 'changes',
  paramsBefore: 'params_before',
  paramsAfter: 'params_after',
  token: 'token',
  decidedBy: 'decided_by',
  decidedByName: 'decided_by_name',
  decidedAt: 'decided_at',
  decisionComment: 'decision_comment',
  expiresAt: 'expires_at',
  executedBy: 'executed_by',
  executedAt: 'executed_at',
  finishedAt: 'finished_at',
  outcome: 'outcome',
  lastError: 'last_error',
  updatedAt: 'updated_at',
} as const satisfies Columns<Promotion>;

const JSON_FIELDS: ReadonlySet<string> = new Set(['paramsBefore', 'paramsAfter', 'changes']);

/** Named parameters (`@field`) for a statement written from `columns`; every field present, absent ones NULL. */
export function toParams<T extends object>(columns: Columns<T>, value: T): Row {
  const params: Row = {};
  for (const field of Object.keys(columns)) {
    const member = (value as Row)[field];
    params[field] = member === undefined || member === null ? null : JSON_FIELDS.has(field) ? JSON.stringify(member) : member;
  }
  return params;
}

/** The object a row stores; throws (SyntaxError) when a JSON column does not parse. */
export function fromRow<T>(columns: Columns<T>, row: Row): T {
  const value: Row = {};
  for (const [field, column] of Object.entries(columns) as Array<[string, string]>) {
    const cell = row[column];
    if (cell === null || cell === undefined) continue;
    value[field] = JSON_FIELDS.has(field) ? JSON.parse(String(cell)) : cell;
  }
  return value as T;
}

/** `a, b, c` and `@a, @b, @c` for an INSERT written from a column list (identifiers only, never values). */
export function insertLists<T>(columns: Columns<T>): { names: string; params: string } {
  const entries = Object.entries(columns) as Array<[string, string]>;
  return { names: entries.map(([, column]) => column).join(', '), params: entries.map(([field]) => `@${field}`).join(', ') };
}

export const auditFromRow = (row: Row): AuditEntry => fromRow<AuditEntry>(AUDIT_COLUMNS, row);
export const auditParams = (entry: AuditEntry): Row => toParams<AuditEntry>(AUDIT_COLUMNS, entry);
export const promotionFromRow = (row: Row): Promotion => fromRow<Promotion>(PROMOTION_COLUMNS, row);
export const promotionParams = (promotion: Promotion): Row => toParams<Promotion>(PROMOTION_COLUMNS, promotion);

export const ALARM_NOTE_COLUMNS = {
  id: 'id',
  at: 'at',
  kind: 'kind',
  stackName: 'stack_name',
  alarmName: 'alarm_name',
  by: 'by_id',
  byName: 'by_name',
  note: 'note',
  reason: 'reason',
  expiresAt: 'expires_at',
} as const satisfies Columns<AlarmNote>;

export const alarmNoteFromRow = (row: Row): AlarmNote => fromRow<AlarmNote>(ALARM_NOTE_COLUMNS, row);
export const alarmNoteParams = (note: AlarmNote): Row => toParams<AlarmNote>(ALARM_NOTE_COLUMNS, note);
