import { createHash } from 'node:crypto';
import type { AuditEntry, AuditInput } from './types';

/**
 * The audit log's hash chain, kept pure so every store (SQLite today, PostgreSQL later) and any outside checker
 * computes the same hashes:
 *
 *   hash = sha256hex(prevHash + '\n' + canonicalJson(entry without `hash`))
 *
 * where the entry includes `seq`, `at` and `prevHash`, and canonical JSON sorts object keys recursively and drops
 * undefined values, so the hash depends on what was recorded and not on the order a caller wrote its fields in.
 */

/** JSON with object keys sorted (by UTF-16 code unit, as Array.prototype.sort does) and undefined members dropped. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? 'null';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value.toISOString();
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const member = (value as Record<string, unknown>)[key];
    if (member !== undefined) sorted[key] = sortKeys(member);
  }
  return sorted;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The fields of AuditInput, in one list: what a store persists and what the hash covers. */
const AUDIT_INPUT_KEYS = [
  'actor',
  'actorName',
  'actorRole',
  'action',
  'account',
  'region',
  'stackName',
  'promotionId',
  'changeSetArn',
  'token',
  'paramsBefore',
  'paramsAfter',
  'outcome',
  'comment',
] as const satisfies ReadonlyArray<keyof AuditInput>;

/**
 * The input reduced to AuditInput's own fields with undefined ones dropped. Callers often spread larger objects
 * into an audit input; anything a store would not persist must not be hashed either, or verification would fail.
 */
export function pickAuditInput(input: AuditInput): AuditInput {
  const picked: Partial<Record<keyof AuditInput, unknown>> = {};
  for (const key of AUDIT_INPUT_KEYS) {
    if (input[key] !== undefined) picked[key] = input[key];
  }
  return picked as AuditInput;
}

/** The hash of an entry given everything but its hash. */
export function hashAuditEntry(entry: Omit<AuditEntry, 'hash'>): string {
  const unsealed = { ...pickAuditInput(entry), seq: entry.seq, at: entry.at, prevHash: entry.prevHash };
  return sha256Hex(`${entry.prevHash}\n${canonicalJson(unsealed)}`);
}

/** Seals an input as entry `seq` after `prevHash` (pure: the store decides seq, time and the previous hash). */
export function sealAuditEntry(input: AuditInput, seq: number, at: string, prevHash: string): AuditEntry {
  const unsealed = { ...pickAuditInput(input), seq, at, prevHash };
  return { ...unsealed, hash: hashAuditEntry(unsealed) };
}
