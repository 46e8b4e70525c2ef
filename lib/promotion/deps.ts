import type { ChangeSetFacts, CreateChangeSetInput, StackForWrite, UpdateParametersInput } from '@/lib/aws/cloudformation-writes';
import type { Role, User } from '@/lib/auth/roles';
import type { StackEvent } from '@/lib/rollout/types';
import type { AuditAction, AuditInput, Store } from '@/lib/store/types';
import type { GatherPreflight } from './gather';
import type { PreflightSettings } from './preflight';
import type { Promotion, PromotionStatus } from './types';

/** The CloudFormation calls the service makes (lib/aws/cloudformation-writes.ts + the events read). */
export interface PromotionCfn {
  describeStackForWrite(name: string): Promise<StackForWrite | null>;
  createChangeSet(input: CreateChangeSetInput): Promise<{ changeSetArn: string; stackId: string }>;
  describeChangeSet(stackName: string, changeSet: string): Promise<ChangeSetFacts | null>;
  getChangeSetTemplate(stackName: string, changeSet: string): Promise<string>;
  executeChangeSet(stackName: string, changeSetArn: string, clientRequestToken: string): Promise<void>;
  deleteChangeSet(stackName: string, changeSetArn: string): Promise<void>;
  updateStackParameters(input: UpdateParametersInput): Promise<{ stackId: string }>;
  /** newest first, at most `limit` */
  listStackEvents(stackName: string, limit: number): Promise<StackEvent[]>;
}

export interface PromotionSfn {
  startExecution(stateMachineArn: string, name: string, input: string): Promise<{ executionArn: string; startedAt: string }>;
}

export interface Clock {
  now(): Date;
  sleep(ms: number): Promise<void>;
}

export interface PromotionSettings extends PreflightSettings {
  /** how long a request may wait for approval, and an approval for its execution */
  approvalTtlMs: number;
  /** CloudFormation's rollback-trigger monitoring after the update (0–180) */
  monitoringMinutes: number;
  /** how often a change set being created is polled, and for how long at most */
  changeSetPollMs: number;
  changeSetTimeoutMs: number;
  /** how often the watcher polls a promotion's update */
  watchPollMs: number;
  /** a request left `creating` this long was interrupted (the process died) and is marked failed */
  creatingTimeoutMs: number;
  /** an `executing` request whose update never appeared in the stack's events after this goes back to approved */
  executeGraceMs: number;
}

export const DEFAULT_TIMINGS = {
  changeSetPollMs: 2_000,
  changeSetTimeoutMs: 5 * 60_000,
  watchPollMs: 5_000,
  creatingTimeoutMs: 10 * 60_000,
  executeGraceMs: 2 * 60_000,
} as const;

export interface PromotionDeps {
  store: Store;
  cfn: PromotionCfn;
  sfn: PromotionSfn;
  gatherPreflight: GatherPreflight;
  clock: Clock;
  settings: PromotionSettings;
  newId?: () => string;
  /** where failures that do not reach the caller go (best-effort cleanups, the watcher) */
  log?: (message: string, error?: unknown) => void;
}

/** Who an audit entry names. */
export interface Actor {
  id: string;
  name: string;
  role: Role | 'system';
}

export const SYSTEM_ACTOR: Actor = { id: 'system:tapdeck', name: 'tapdeck', role: 'system' };

export const actorOf = (user: User): Actor => ({ id: user.id, name: user.name, role: user.role });

/** `arn:aws:cloudformation:<region>:<account>:stack/<name>/<uuid>` → account and region. */
export function whereOf(stackId: string): { account: string; region: string } {
  const [, , , region = '', account = ''] = stackId.split(':');
  return { account, region };
}

/** An audit entry about a promotion, with everything the request knows (account, change set, token, params). */
export function promotionAudit(actor: Actor, action: AuditAction, p: Promotion, outcome: string, comment?: string): AuditInput {
  return {
    actor: actor.id,
    actorName: actor.name,
    actorRole: actor.role,
    action,
    account: p.account,
    region: p.region,
    stackName: p.stackName,
    promotionId: p.id,
    changeSetArn: p.changeSetArn,
    token: p.token,
    paramsBefore: p.paramsBefore,
    paramsAfter: p.paramsAfter,
    outcome,
    ...(comment ? { comment } : {}),
  };
}

/** Statuses whose request can still be moved by a person or the clock. */
export const PENDING: readonly PromotionStatus[] = ['awaiting-approval', 'approved'];
