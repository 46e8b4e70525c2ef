import { isValidStackName } from '@/lib/rollout/status';
import type { AuditAction, AuditFilter } from '@/lib/store/types';
import { isAuditAction } from './audit-actions';

export const AUDIT_PAGE_SIZE = 50;

type SearchParams = Record<string, string | string[] | undefined>;

/** The audit page's filters as the URL carries them, validated: a bad value is dropped with a notice, never thrown. */
export interface AuditQuery {
  stack?: string;
  action?: AuditAction;
  actor?: string;
  before?: number;
  /** what was ignored and why, in words */
  notices: string[];
}

export function parseAuditQuery(params: SearchParams): AuditQuery {
  const query: AuditQuery = { notices: [] };
  const stack = first(params.stack);
  if (stack) {
    if (isValidStackName(stack)) query.stack = stack;
    else
      query.notices.push(
        `Ignored the stack filter “${clip(stack)}”: stack names use letters, digits and hyphens and start with a letter.`,
      );
  }
  const action = first(params.action);
  if (action) {
    if (isAuditAction(action)) query.action = action;
    else query.notices.push(`Ignored the action filter “${clip(action)}”: it is not one of the actions tapdeck records.`);
  }
  const actor = first(params.actor);
  if (actor) {
    // Actor ids are provider-qualified (local:operator, github:octocat, oidc:<sub>): printable, at most 200 characters.
    if (actor.length <= 200 && !/[\u0000-\u001f\u007f]/.test(actor)) query.actor = actor;
    else query.notices.push('Ignored the actor filter: it is too long or contains control characters.');
  }
  const before = first(params.before);
  if (before) {
    const seq = /^\d{1,15}$/.test(before) ? Number(before) : NaN;
    if (Number.isSafeInteger(seq) && seq > 0) query.before = seq;
    else query.notices.push(`Ignored “before=${clip(before)}”: it must be an entry number; showing the newest entries.`);
  }
  return query;
}

/** The store filter for one page, one entry more than shown so the page knows whether older ones exist. */
export function auditFilterOf(query: AuditQuery): AuditFilter {
  return {
    stackName: query.stack,
    action: query.action,
    actor: query.actor,
    beforeSeq: query.before,
    limit: AUDIT_PAGE_SIZE + 1,
  };
}

/** The URL of the audit page with these filters, paged back to entries before `before`. */
export function auditHref(query: Omit<AuditQuery, 'notices'>, before?: number): string {
  const search = new URLSearchParams();
  if (query.stack) search.set('stack', query.stack);
  if (query.action) search.set('action', query.action);
  if (query.actor) search.set('actor', query.actor);
  if (before !== undefined) search.set('before', String(before));
  const text = search.toString();
  return text ? `/audit?${text}` : '/audit';
}

export function hasFilters(query: AuditQuery): boolean {
  return Boolean(query.stack || query.action || query.actor);
}

function first(value: string | string[] | undefined): string | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  return text ? text : undefined;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
