import { randomBytes } from 'node:crypto';
import { AwsCallError } from '@/lib/aws/client-config';
import type { StackForWrite } from '@/lib/aws/cloudformation-writes';
import type { User } from '@/lib/auth/roles';
import type { AuditAction, AuditInput } from '@/lib/store/types';
import { actorOf, whereOf, type PromotionDeps } from './deps';
import { PromotionError } from './errors';
import { failureText } from './failure-text';

/** What a demote started. */
export interface DemoteResult {
  stackName: string;
  stackId: string;
  token: string;
  paramsBefore: Record<string, string>;
  paramsAfter: Record<string, string>;
}

export interface StackActions {
  /** apply → dry-run at once, without approval (the way back is never gated), recorded in the audit log. */
  demote(user: User, stackName: string, comment?: string): Promise<DemoteResult>;
  /** Starts the workflow with `{"dryRun":true}` (a dry run even in apply mode). */
  startDryRun(user: User, stackName: string): Promise<{ executionArn: string; name: string }>;
}

/** `local:operator` → `operator`; anything Step Functions does not allow in a name becomes `-`. */
export function loginOf(user: Pick<User, 'id'>): string {
  const login = user.id.includes(':') ? user.id.slice(user.id.indexOf(':') + 1) : user.id;
  return (
    login
      .replace(/[^A-Za-z0-9_-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'user'
  );
}

/**
 * `tapdeck-<login>-<yyyymmddThhmmss>-<4 random>` (UTC), at most 80 characters as Step Functions requires. The
 * random part matters: a second start with the same name and input would be the same execution to Step
 * Functions (its idempotency rule), so two clicks in one second would start one dry run but record two.
 */
export function dryRunName(user: Pick<User, 'id'>, at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').slice(0, 15);
  return `tapdeck-${loginOf(user)}-${stamp}-${randomBytes(2).toString('hex')}`;
}

export function createStackActions(deps: PromotionDeps, newId: () => string): StackActions {
  const { store, cfn, sfn, clock } = deps;

  /** An audit entry about a stack (no promotion request): who, what, where, and the outcome. */
  function stackAudit(
    user: User,
    action: AuditAction,
    stack: StackForWrite,
    outcome: string,
    extra: Partial<AuditInput> = {},
  ): AuditInput {
    const actor = actorOf(user);
    const where = whereOf(stack.stackId);
    return {
      actor: actor.id,
      actorName: actor.name,
      actorRole: actor.role,
      action,
      ...where,
      stackName: stack.name,
      outcome,
      ...extra,
    };
  }

  async function demote(user: User, stackName: string, comment?: string): Promise<DemoteResult> {
    const stack = await cfn.describeStackForWrite(stackName);
    if (!stack) throw new PromotionError('StackNotFound', `There is no stack ${stackName}.`);
    if (stack.status.endsWith('_IN_PROGRESS')) {
      throw new PromotionError('StackBusy', `${stackName} is ${stack.status}; demote once the operation ends.`);
    }
    const mode = stack.parameters.Mode;
    if (mode !== 'apply')
      throw new PromotionError('AlreadyDryRun', `${stackName} runs with Mode ${mode ?? '(none)'}: nothing to demote.`);
    const token = `tapdeck-demote-${newId()}`;
    const paramsBefore = stack.parameters;
    const paramsAfter = { ...paramsBefore, Mode: 'dry-run' };
    const record = { token, paramsBefore, paramsAfter, ...(comment ? { comment } : {}) };
    try {
      await cfn.updateStackParameters({
        stackName,
        parameters: Object.keys(paramsBefore).map((key) =>
          key === 'Mode' ? { key, value: 'dry-run' } : { key, usePrevious: true as const },
        ),
        capabilities: stack.capabilities,
        clientRequestToken: token,
        // The way back must not be stopped by the alarms that are probably why someone is demoting: no rollback
        // triggers for this update (the next promotion sets them again).
        rollbackTriggerArns: [],
        monitoringMinutes: 0,
      });
    } catch (error) {
      if (error instanceof AwsCallError)
        await store.appendAudit(stackAudit(user, 'stack.demote-failed', stack, failureText(error), record));
      throw error;
    }
    await store.appendAudit(stackAudit(user, 'stack.demoted', stack, 'ok', record));
    return { stackName, stackId: stack.stackId, token, paramsBefore, paramsAfter };
  }

  async function startDryRun(user: User, stackName: string): Promise<{ executionArn: string; name: string }> {
    const stack = await cfn.describeStackForWrite(stackName);
    if (!stack) throw new PromotionError('StackNotFound', `There is no stack ${stackName}.`);
    const stateMachineArn = stack.outputs.StateMachineArn;
    if (!stateMachineArn) throw new PromotionError('NoWorkflow', `${stackName} has no StateMachineArn output (${stack.status}).`);
    const base = dryRunName(user, clock.now());
    // Two starts by one person in the same second: Step Functions refuses the name again, so number it.
    for (let attempt = 1; ; attempt += 1) {
      const name = attempt === 1 ? base : `${base}-${attempt}`;
      try {
        const { executionArn } = await sfn.startExecution(stateMachineArn, name, JSON.stringify({ dryRun: true }));
        // The execution name is Step Functions' idempotency token for StartExecution: recorded as the token.
        await store.appendAudit(
          stackAudit(user, 'execution.dry-run-started', stack, 'ok', { token: name, paramsBefore: stack.parameters }),
        );
        return { executionArn, name };
      } catch (error) {
        if (!(error instanceof AwsCallError && error.code === 'ExecutionAlreadyExists' && attempt < 20)) throw error;
      }
    }
  }

  return { demote, startDryRun };
}
