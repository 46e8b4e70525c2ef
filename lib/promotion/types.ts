import type { Role } from '@/lib/auth/roles';

/**
 * A promotion request's life:
 *
 *   creating ──▶ awaiting-approval ──approve──▶ approved ──execute──▶ executing ──▶ promoted
 *      │               │  │  │                      │                     └──────▶ rolled-back | failed
 *      ▼               ▼  ▼  ▼                      ▼
 *    failed      rejected expired cancelled       void (the change set or its hash changed, or expired)
 *
 * `failed` at creation and an execute that AWS refused (throttled, 500) are retryable: a failed creation by
 * a new request, a refused execute by executing again (the request stays `approved`, with `lastError`).
 */
export const PROMOTION_STATUSES = [
  'creating',
  'awaiting-approval',
  'approved',
  'executing',
  'promoted',
  'rolled-back',
  'failed',
  'rejected',
  'expired',
  'cancelled',
  'void',
] as const;
export type PromotionStatus = (typeof PROMOTION_STATUSES)[number];

/** Statuses that still hold the stack: at most one such request per stack. */
export const OPEN_STATUSES: readonly PromotionStatus[] = ['creating', 'awaiting-approval', 'approved', 'executing'];

/** One row of a change set, as the request page shows it. */
export interface ChangeRow {
  logicalId: string;
  resourceType: string;
  action: string;
  /** True, False or Conditional (CloudFormation's words) */
  replacement?: string;
  /** property names whose change causes this, e.g. ['DefinitionSubstitutions'] */
  details: string[];
}

export interface Promotion {
  id: string;
  stackName: string;
  stackId: string;
  account: string;
  region: string;
  status: PromotionStatus;
  requestedBy: string;
  requestedByName: string;
  requestedByRole: Role;
  requestedAt: string;
  comment?: string;
  changeSetName: string;
  changeSetArn?: string;
  /** sha256 over the change set's template and its parameters, fixed when the change set was read */
  changeSetHash?: string;
  changes: ChangeRow[];
  paramsBefore: Record<string, string>;
  paramsAfter: Record<string, string>;
  /** ExecuteChangeSet's ClientRequestToken, derived from the request id */
  token: string;
  decidedBy?: string;
  decidedByName?: string;
  decidedAt?: string;
  decisionComment?: string;
  /** the approval is void after this */
  expiresAt?: string;
  executedBy?: string;
  executedAt?: string;
  finishedAt?: string;
  /** why it failed, was refused or rolled back (for rollbacks: the root cause) */
  outcome?: string;
  /** the last error of a retryable step */
  lastError?: string;
  updatedAt: string;
}

/** One precondition of a promotion, with what was seen. */
export interface PreflightItem {
  id:
    | 'stack-settled'
    | 'mode-dry-run'
    | 'target-account'
    | 'role-aligned'
    | 'cmk-bound'
    | 'no-alarms'
    | 'recent-dry-runs'
    | 'prechecks-read';
  label: string;
  ok: boolean;
  /** what was seen, in words ("TargetAccountId 111111111111; the dry run of 14:02 assumed …") */
  evidence: string;
  /** links to what the evidence came from, e.g. an execution ARN */
  refs?: string[];
}

export interface Preflight {
  ok: boolean;
  items: PreflightItem[];
  checkedAt: string;
}

/**
 * What the workflow's VerifyAlignment step (sts:GetCallerIdentity through the target role) saw in one execution.
 * Read from the execution's history; it never changes once the execution has finished.
 */
export interface AlignmentEvidence {
  executionArn: string;
  /** the ARN GetCallerIdentity returned: who the step ran as */
  callerArn?: string;
  /** the account GetCallerIdentity returned */
  callerAccount?: string;
  /** the role the task was scheduled to assume (its Credentials), when it had one */
  taskRoleArn?: string;
  /** why there is no caller: the step failed (error: cause) or never ran */
  failure?: string;
}
