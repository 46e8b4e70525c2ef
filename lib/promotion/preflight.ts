import type { AlarmSummary } from '@/lib/alarms/types';
import type { CmkBinding } from '@/lib/cmk/types';
import type { ExecutionSummary } from '@/lib/executions/types';
import type { StackSummary } from '@/lib/rollout/types';
import type { AlignmentEvidence, Preflight, PreflightItem } from './types';

/**
 * The promotion preflight: every precondition of a dry-run → apply promotion, judged from facts gathered
 * elsewhere (gather.ts), so this stays pure and each item can be tested failing alone.
 */

/** The stack outputs naming its four alarms: CloudFormation's rollback triggers and the no-alarms item. */
export const ALARM_OUTPUTS = [
  'ErrorsAlarmName',
  'ThrottlesAlarmName',
  'ExecutionsFailedAlarmName',
  'ExecutionThrottledAlarmName',
] as const;

export interface PreflightFacts {
  stack: StackSummary;
  /** the alarms named by ALARM_OUTPUTS that exist */
  alarms: AlarmSummary[];
  /** the workflow's recent executions, newest first, with the plan of each finished one */
  executions: ExecutionSummary[];
  /** what VerifyAlignment saw in the latest dry run (null when there is none) */
  alignment: AlignmentEvidence | null;
  /** the log group's CMK binding; null when EnableCmk is not true (not read) */
  cmk: CmkBinding | null;
  /** names of the stack's alarms that are muted (a muted alarm cannot stop a promotion, so it fails the item) */
  mutedAlarms?: string[];
}

export interface PreflightSettings {
  requiredDryRuns: number;
  maxDryRunAgeMs: number;
}

type Item = PreflightItem;
type Check = (facts: PreflightFacts, settings: PreflightSettings, now: Date) => Item;

/** An item maker for one check: `item(ok, evidence)`. */
const itemOf =
  (id: Item['id'], label: string, refs?: string[]) =>
  (ok: boolean, evidence: string): Item => ({ id, label, ok, evidence, ...(refs && refs.length > 0 ? { refs } : {}) });

export function evaluatePreflight(facts: PreflightFacts, settings: PreflightSettings, now: Date): Preflight {
  const checks: Check[] = [
    stackSettled,
    modeDryRun,
    targetAccount,
    roleAligned,
    cmkBound,
    noAlarms,
    recentDryRuns,
    prechecksRead,
  ];
  const items = checks.map((check) => check(facts, settings, now));
  return { ok: items.every((item) => item.ok), items, checkedAt: now.toISOString() };
}

/** The items a change set already explains: at execute time the stack may be running that very change set. */
export const EXPLAINED_BY_CHANGE_SET: readonly Item['id'][] = ['stack-settled', 'mode-dry-run'];

/** The preflight without the items the change set explains; what execute re-checks. */
export function withoutExplained(preflight: Preflight): Preflight {
  const items = preflight.items.filter((item) => !EXPLAINED_BY_CHANGE_SET.includes(item.id));
  return { ...preflight, ok: items.every((item) => item.ok), items };
}

/** Failing items as one sentence, for refusals and the audit log. */
export function describeFailures(preflight: Preflight): string {
  return preflight.items
    .filter((item) => !item.ok)
    .map((item) => `${item.label}: ${item.evidence}`)
    .join(' · ');
}

// ---- the items ------------------------------------------------------------------------------------------------

const ROLLED_BACK_CREATE = ['ROLLBACK_COMPLETE', 'IMPORT_ROLLBACK_COMPLETE'];

const stackSettled: Check = ({ stack }) => {
  const item = itemOf('stack-settled', 'Stack settled');
  const { status } = stack;
  const reason = stack.statusReason ? ` (${stack.statusReason})` : '';
  if (status.endsWith('_IN_PROGRESS')) return item(false, `${status}: an operation is running`);
  if (status.endsWith('_FAILED')) return item(false, `${status}${reason}: fix the stack first`);
  if (ROLLED_BACK_CREATE.includes(status)) return item(false, `${status}: the stack was never created; delete and redeploy it`);
  if (!status.endsWith('_COMPLETE') || status === 'DELETE_COMPLETE')
    return item(false, `${status}: not a stack that can be updated`);
  return item(true, `${status} since ${formatTime(stack.updatedAt ?? stack.createdAt)}`);
};

const modeDryRun: Check = ({ stack }) => {
  const mode = stack.parameters.Mode;
  const item = itemOf('mode-dry-run', 'Mode is dry-run');
  if (mode === undefined) return item(false, 'the stack has no Mode parameter (not a TapStack?)');
  if (mode !== 'dry-run') return item(false, `Mode is ${mode || '(empty)'}: only a dry-run stack can be promoted`);
  return item(true, 'Mode dry-run');
};

const targetAccount: Check = ({ stack }) => {
  const item = itemOf('target-account', 'Target account set');
  const id = stack.parameters.TargetAccountId ?? '';
  if (!id) return item(false, 'TargetAccountId is empty: the workflow would act on the stack’s own account');
  return /^\d{12}$/.test(id) ? item(true, `TargetAccountId ${id}`) : item(false, `TargetAccountId "${id}" is not 12 digits`);
};

/** `arn:aws:sts::<account>:assumed-role/<role>/<session>` (any partition). */
const ASSUMED_ROLE = /^arn:aws[a-z-]*:sts::(\d{12}):assumed-role\/([^/]+)\/.+$/;

const roleAligned: Check = ({ stack, executions, alignment }) => {
  const account = stack.parameters.TargetAccountId ?? '';
  const role = stack.parameters.TargetRoleName ?? '';
  const latest = selectDryRuns(executions, stack)[0];
  const item = itemOf('role-aligned', 'Role aligned with the target account', latest ? [latest.arn] : undefined);
  const ran = alignment?.callerArn ? `ran as ${alignment.callerArn} in account ${alignment.callerAccount ?? '?'}` : '';
  const elsewhere =
    alignment?.callerAccount && alignment.callerAccount !== account ? `, not TargetAccountId ${account || '(empty)'}` : '';
  if (!role) {
    return item(
      false,
      `TargetRoleName is empty: the workflow runs as its own role${ran ? ` (the latest dry run ${ran}${elsewhere})` : ''}`,
    );
  }
  if (!latest)
    return item(false, `TargetRoleName ${role}; no dry run since the stack last changed to show which account it reaches`);
  const run = `the dry run of ${formatTime(latest.startedAt)}`;
  if (!alignment || alignment.executionArn !== latest.arn || !alignment.callerArn) {
    const own = alignment?.executionArn === latest.arn ? alignment : undefined;
    const why = own?.failure ? ` (${own.failure})` : '';
    if (own?.taskRoleArn) return item(false, `VerifyAlignment could not run as ${own.taskRoleArn} in ${run}${why}`);
    return item(false, `TargetRoleName ${role}; VerifyAlignment returned no caller in ${run}${why}`);
  }
  const match = ASSUMED_ROLE.exec(alignment.callerArn);
  if (!match) return item(false, `${run} ${ran}: not an assumed TargetRoleName ${role}`);
  const [, arnAccount, arnRole] = match;
  if (arnAccount !== account || alignment.callerAccount !== account) {
    return item(false, `${run} ${ran}, not in TargetAccountId ${account || '(empty)'}`);
  }
  if (arnRole !== role) return item(false, `${run} ${ran}: role ${arnRole}, not TargetRoleName ${role}`);
  return item(true, `TargetRoleName ${role}; ${run} ${ran}`);
};

const cmkBound: Check = ({ stack, cmk }) => {
  const item = itemOf('cmk-bound', 'Logs encrypted with the CMK');
  const enabled = stack.parameters.EnableCmk;
  if (enabled !== 'true') return item(true, `EnableCmk is ${enabled ?? 'not set'}: no CMK to check`);
  if (!cmk || cmk.kind === 'no-log-group') return item(false, 'EnableCmk true, but the stack’s log group was not found');
  if (cmk.kind === 'unencrypted') return item(false, `EnableCmk true, but ${cmk.logGroupName} is not encrypted with a CMK`);
  if (!cmk.key)
    return item(false, `${cmk.logGroupName} names a key tapdeck cannot read${cmk.keyError ? `: ${cmk.keyError}` : ''}`);
  if (cmk.key.state !== 'Enabled') return item(false, `key ${cmk.key.keyId} is ${cmk.key.state}`);
  const failing = cmk.checks.filter((check) => !check.ok);
  if (cmk.checks.length === 0) return item(false, `key ${cmk.key.keyId}: its policy could not be checked`);
  const words = failing.map((c) => `${c.label}${c.detail ? ` (${c.detail})` : ''}`);
  if (failing.length > 0) return item(false, `key ${cmk.key.keyId} policy: ${words.join('; ')}`);
  return item(true, `${cmk.logGroupName} bound to key ${cmk.key.keyId}; all ${cmk.checks.length} key-policy checks pass`);
};

const noAlarms: Check = ({ stack, alarms, mutedAlarms = [] }) => {
  const problems: string[] = [];
  const seen: string[] = [];
  for (const output of ALARM_OUTPUTS) {
    const name = stack.outputs[output];
    if (!name) {
      problems.push(`the stack has no ${output} output`);
      continue;
    }
    const alarm = alarms.find((a) => a.name === name);
    if (!alarm) problems.push(`${name} not found`);
    else if (alarm.state === 'ALARM') {
      problems.push(`${name} in ALARM since ${formatTime(alarm.stateUpdatedAt)}: ${alarm.stateReason.replace(/\.\s*$/, '')}`);
    } else if (mutedAlarms.includes(name)) problems.push(`${name} is muted: a muted alarm cannot stop a bad promotion`);
    else seen.push(`${name} ${alarm.state}`);
  }
  const ok = problems.length === 0;
  return { id: 'no-alarms', label: 'No alarm firing', ok, evidence: ok ? seen.join(', ') : problems.join('; ') };
};

const recentDryRuns: Check = ({ stack, executions }, { requiredDryRuns, maxDryRunAgeMs }, now) => {
  const last = selectDryRuns(executions, stack).slice(0, requiredDryRuns);
  const item = itemOf(
    'recent-dry-runs',
    `Last ${requiredDryRuns} dry runs succeeded`,
    last.map((run) => run.arn),
  );
  const since = `since the stack last changed (${formatTime(stack.updatedAt ?? stack.createdAt)})`;
  if (last.length < requiredDryRuns) {
    return item(false, `${last.length} finished dry run${last.length === 1 ? '' : 's'} ${since}; ${requiredDryRuns} needed`);
  }
  const failed = last.filter((run) => run.status !== 'SUCCEEDED');
  if (failed.length > 0) {
    const words = failed.map((run) => `${formatTime(run.startedAt)} ${run.status}${run.error ? ` (${run.error})` : ''}`);
    return item(false, `${last.length - failed.length} of the last ${last.length} succeeded: ${words.join(', ')}`);
  }
  const newest = last[0]!;
  const ageMs = now.getTime() - Date.parse(newest.stoppedAt ?? newest.startedAt);
  const age = formatDuration(ageMs);
  if (ageMs > maxDryRunAgeMs)
    return item(false, `the newest dry run finished ${age} ago; it must be under ${formatDuration(maxDryRunAgeMs)} old`);
  return item(true, `${last.length} of the last ${last.length} succeeded ${since}; the newest finished ${age} ago`);
};

const prechecksRead: Check = ({ stack, executions }) => {
  const latest = selectDryRuns(executions, stack)[0];
  const item = itemOf('prechecks-read', 'Every protected bucket and table checked', latest ? [latest.arn] : undefined);
  if (!latest) return item(false, 'no dry run since the stack last changed');
  const run = `the dry run of ${formatTime(latest.startedAt)}`;
  if (!latest.plan) return item(false, `${run} ${latest.status} without a plan${latest.error ? ` (${latest.error})` : ''}`);
  const plan = latest.plan;
  const missing = [
    ...missingFrom(
      listOf(stack.parameters.ProtectedBucketNames),
      plan.buckets.map((b) => b.name),
    ).map((n) => `bucket ${n}`),
    ...missingFrom(
      listOf(stack.parameters.ProtectedTableNames),
      plan.tables.map((t) => t.name),
    ).map((n) => `table ${n}`),
  ];
  if (missing.length > 0) return item(false, `${run} did not read ${missing.join(', ')}`);
  const changes = [
    ...plan.buckets.filter((b) => !b.compliant).map((b) => `enable versioning on ${b.name}`),
    ...plan.tables.filter((t) => !t.compliant).map((t) => `enable PITR on ${t.name}`),
  ];
  const read = `${run} read ${count(plan.buckets.length, 'bucket')} and ${count(plan.tables.length, 'table')}`;
  return item(true, `${read}; apply would ${changes.length > 0 ? changes.join(', ') : 'change nothing (all compliant)'}`);
};

// ---- helpers ---------------------------------------------------------------------------------------------------

/**
 * The dry runs that count, newest first: finished executions that were dry runs (a plan that says otherwise is
 * an apply run from before a demote), started since the stack last changed — a dry run proves the
 * configuration it ran with, so one from before an update proves nothing about the current one.
 */
export function selectDryRuns(executions: ExecutionSummary[], stack: StackSummary): ExecutionSummary[] {
  const changedAt = Date.parse(stack.updatedAt ?? stack.createdAt);
  return executions
    .filter((run) => run.status !== 'RUNNING' && run.plan?.dryRun !== false && Date.parse(run.startedAt) >= changedAt)
    .sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt));
}

export const listOf = (text: string | undefined): string[] =>
  (text ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

const missingFrom = (wanted: string[], seen: string[]) => wanted.filter((name) => !seen.includes(name));
const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** `2025-06-01 14:02:03 UTC`: server-rendered evidence must not depend on the server's time zone. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 90) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return `${minutes} min`;
  return `${Math.round(minutes / 60)} h`;
}
