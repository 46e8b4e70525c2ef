import type { AuditAction } from '@/lib/store/types';

/** Each audit action in words. A Record, so a new action in lib/store/types.ts fails the type-check here. */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  'promotion.requested': 'Promotion requested',
  'promotion.change-set-ready': 'Change set ready for approval',
  'promotion.request-failed': 'Promotion request failed',
  'promotion.approved': 'Approved',
  'promotion.rejected': 'Rejected',
  'promotion.cancelled': 'Request cancelled',
  'promotion.expired': 'Approval expired',
  'promotion.voided': 'Request voided',
  'promotion.execute-refused': 'Execution refused: the preflight failed again',
  'promotion.execute-failed': 'Execution failed at AWS (retryable)',
  'promotion.executed': 'Change set executed',
  'promotion.promoted': 'Promoted to apply',
  'promotion.rolled-back': 'Rolled back',
  'stack.demoted': 'Returned to dry-run',
  'stack.demote-failed': 'Return to dry-run failed',
  'execution.dry-run-started': 'Dry run started',
  'alarm.acknowledged': 'Alarm acknowledged',
  'alarm.muted': 'Alarm muted',
  'alarm.unmuted': 'Alarm unmuted',
};

export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as AuditAction[];

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === 'string' && Object.hasOwn(AUDIT_ACTION_LABELS, value);
}

/** Whether an entry's outcome is a success ('ok' by the store's convention) or a sentence about what went wrong. */
export function isOkOutcome(outcome: string): boolean {
  return outcome === 'ok';
}
