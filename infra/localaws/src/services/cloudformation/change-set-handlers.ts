/** Change sets: how the CDK CLI deploys (create, poll describe, execute; delete stale ones first). */
import { randomUUID } from 'node:crypto';
import type * as Cfn from '@aws-sdk/client-cloudformation';
import { ValidationError } from '../../errors';
import type { RequestContext } from '../types';
import { checkStackName, regionOf, UPDATABLE, type CfnDeps } from './deps';
import { alreadyExists, changeSetAlreadyExists, changeSetNotFound, invalidChangeSetStatus, stackBusy } from './errors';
import type { ChangeSetState, RegionState } from './model';
import { diffPlans } from './plan';
import { resolveRollbackConfiguration } from './rollback-triggers';
import { newStackRecord, planFor } from './stack-handlers';

/** Simulated time a change set spends computing before it is ready. */
const CHANGE_SET_COMPUTE_MS = 2_000;
const NO_CHANGES = "The submitted information didn't contain changes. Submit different information to create a change set.";

function findChangeSet(deps: CfnDeps, region: RegionState, nameOrArn: string, stackName?: string): ChangeSetState | undefined {
  if (nameOrArn.startsWith('arn:')) return region.changeSets.find((cs) => cs.id === nameOrArn);
  if (!stackName) throw new ValidationError('StackName must be specified if ChangeSetName is not specified as an ARN.');
  const stack = deps.model.findStack(region, stackName);
  return stack ? region.changeSets.find((cs) => cs.stackId === stack.stackId && cs.name === nameOrArn) : undefined;
}

export function createChangeSet(deps: CfnDeps, input: Cfn.CreateChangeSetInput, ctx: RequestContext): Cfn.CreateChangeSetOutput {
  const region = regionOf(deps, ctx);
  const name = input.StackName ?? '';
  const type = input.ChangeSetType ?? 'UPDATE';
  if (type !== 'CREATE' && type !== 'UPDATE') throw new ValidationError(`localaws does not support ChangeSetType ${type}`);
  checkStackName(name);
  let stack = deps.model.findStack(region, name);
  if (type === 'CREATE' && stack && stack.status !== 'REVIEW_IN_PROGRESS') throw alreadyExists(name);
  if (type === 'UPDATE') {
    if (!stack) throw new ValidationError(`Stack [${name}] does not exist`);
    if (!UPDATABLE.includes(stack.status)) throw stackBusy(stack.stackId, stack.status);
  }
  const stackId = stack?.stackId ?? deps.model.newStackId(ctx.account, ctx.region, name);
  const existing = stack && type === 'UPDATE' ? stack : undefined;
  // Template and parameter errors are refused here, before any stack exists.
  const plan = planFor(deps, ctx, name, stackId, input, existing, input.UsePreviousTemplate === true);
  const rollbackConfiguration = resolveRollbackConfiguration(
    input.RollbackConfiguration,
    existing?.rollbackConfiguration,
    deps.alarmState,
  );
  if (stack && region.changeSets.some((cs) => cs.stackId === stack?.stackId && cs.name === input.ChangeSetName)) {
    throw changeSetAlreadyExists(input.ChangeSetName ?? '');
  }
  if (!stack) {
    stack = newStackRecord(deps, ctx, name, plan, input, stackId);
    stack.requestToken = input.ClientToken;
    deps.model.addStackEvent(stack, 'REVIEW_IN_PROGRESS', 'User Initiated');
  } else if (stack.status === 'REVIEW_IN_PROGRESS') {
    // A stack under review shows the template of its latest change set.
    stack.plan = plan;
  }
  const changeSet: ChangeSetState = {
    id: `arn:aws:cloudformation:${ctx.region}:${ctx.account}:changeSet/${input.ChangeSetName}/${randomUUID()}`,
    name: input.ChangeSetName ?? '',
    stackId,
    stackName: name,
    type,
    status: 'CREATE_PENDING',
    executionStatus: 'UNAVAILABLE',
    creationTime: ctx.clock.now(),
    description: input.Description,
    plan,
    parameters: Object.entries(plan.parameters.raw).map(([key, value]) => ({
      ParameterKey: key,
      ParameterValue: plan.parameters.noEcho.has(key) ? '****' : value,
    })),
    capabilities: input.Capabilities ?? [],
    tags: input.Tags ?? [],
    rollbackConfiguration,
    changes: diffPlans(existing?.resources ?? new Map(), existing?.plan, plan),
  };
  region.changeSets.push(changeSet);
  const noChanges =
    existing !== undefined &&
    changeSet.changes.length === 0 &&
    JSON.stringify(plan.template) === JSON.stringify(existing.plan.template) &&
    JSON.stringify(plan.parameters.raw) === JSON.stringify(existing.plan.parameters.raw);
  changeSet.status = 'CREATE_IN_PROGRESS';
  void ctx.clock.sleep(CHANGE_SET_COMPUTE_MS).then(() => {
    if (noChanges) Object.assign(changeSet, { status: 'FAILED', statusReason: NO_CHANGES });
    else Object.assign(changeSet, { status: 'CREATE_COMPLETE', executionStatus: 'AVAILABLE' });
  });
  return { Id: changeSet.id, StackId: stackId };
}

/** An executed change set reports how its execution ended once the stack settles. */
function executionStatus(deps: CfnDeps, region: RegionState, cs: ChangeSetState): Cfn.ExecutionStatus {
  if (cs.executionStatus !== 'EXECUTE_IN_PROGRESS') return cs.executionStatus;
  const stack = deps.model.findStack(region, cs.stackId);
  if (!stack || stack.status.endsWith('_IN_PROGRESS')) return cs.executionStatus;
  return stack.status === 'CREATE_COMPLETE' || stack.status === 'UPDATE_COMPLETE' ? 'EXECUTE_COMPLETE' : 'EXECUTE_FAILED';
}

export function describeChangeSet(
  deps: CfnDeps,
  input: Cfn.DescribeChangeSetInput,
  ctx: RequestContext,
): Cfn.DescribeChangeSetOutput {
  const region = regionOf(deps, ctx);
  const cs = findChangeSet(deps, region, input.ChangeSetName ?? '', input.StackName);
  if (!cs) throw changeSetNotFound(input.ChangeSetName ?? '');
  return {
    ChangeSetName: cs.name,
    ChangeSetId: cs.id,
    StackId: cs.stackId,
    StackName: cs.stackName,
    Description: cs.description,
    Parameters: cs.parameters,
    CreationTime: cs.creationTime,
    ExecutionStatus: executionStatus(deps, region, cs),
    Status: cs.status,
    StatusReason: cs.statusReason,
    NotificationARNs: [],
    Capabilities: cs.capabilities,
    Tags: cs.tags,
    RollbackConfiguration: cs.rollbackConfiguration ?? {},
    // Changes appear once the change set is computed, as in AWS.
    Changes: cs.status === 'CREATE_COMPLETE' ? cs.changes : [],
    IncludeNestedStacks: false,
  };
}

export function executeChangeSet(
  deps: CfnDeps,
  input: Cfn.ExecuteChangeSetInput,
  ctx: RequestContext,
): Cfn.ExecuteChangeSetOutput {
  const region = regionOf(deps, ctx);
  const cs = findChangeSet(deps, region, input.ChangeSetName ?? '', input.StackName);
  if (!cs) throw changeSetNotFound(input.ChangeSetName ?? '');
  if (cs.status !== 'CREATE_COMPLETE' || cs.executionStatus !== 'AVAILABLE' || !cs.plan)
    throw invalidChangeSetStatus(cs.id, cs.status === 'CREATE_COMPLETE' ? cs.executionStatus : cs.status);
  const stack = deps.model.findStack(region, cs.stackId);
  if (!stack) throw changeSetNotFound(input.ChangeSetName ?? '');
  if (cs.type === 'UPDATE' && !UPDATABLE.includes(stack.status)) throw stackBusy(stack.stackId, stack.status);
  if (input.DisableRollback !== undefined) stack.disableRollback = input.DisableRollback;
  stack.changeSetId = cs.id;
  stack.capabilities = cs.capabilities;
  if (cs.tags.length > 0) stack.tags = cs.tags;
  cs.executionStatus = 'EXECUTE_IN_PROGRESS';
  // Executing one change set makes the stack's other change sets obsolete; AWS deletes them.
  region.changeSets = region.changeSets.filter((other) => other.stackId !== cs.stackId || other === cs);
  if (cs.type === 'CREATE') {
    stack.plan = cs.plan;
    stack.rollbackConfiguration = cs.rollbackConfiguration;
    deps.engine.startCreate(stack, region, input.ClientRequestToken);
  } else {
    deps.engine.startUpdate(stack, region, cs.plan, input.ClientRequestToken, cs.rollbackConfiguration);
  }
  return {};
}

export function deleteChangeSet(deps: CfnDeps, input: Cfn.DeleteChangeSetInput, ctx: RequestContext): Cfn.DeleteChangeSetOutput {
  const region = regionOf(deps, ctx);
  const cs = findChangeSet(deps, region, input.ChangeSetName ?? '', input.StackName);
  // The CDK CLI deletes its previous change set unconditionally; an absent one is not an error.
  if (!cs) return {};
  if (executionStatus(deps, region, cs) === 'EXECUTE_IN_PROGRESS') throw invalidChangeSetStatus(cs.id, 'EXECUTE_IN_PROGRESS');
  region.changeSets = region.changeSets.filter((other) => other !== cs);
  return {};
}

export function listChangeSets(deps: CfnDeps, input: Cfn.ListChangeSetsInput, ctx: RequestContext): Cfn.ListChangeSetsOutput {
  const region = regionOf(deps, ctx);
  const stack = deps.model.findStack(region, input.StackName ?? '');
  if (!stack) throw new ValidationError(`Stack [${input.StackName}] does not exist`);
  return {
    Summaries: region.changeSets
      .filter((cs) => cs.stackId === stack.stackId)
      .map((cs) => ({
        StackId: cs.stackId,
        StackName: cs.stackName,
        ChangeSetId: cs.id,
        ChangeSetName: cs.name,
        ExecutionStatus: executionStatus(deps, region, cs),
        Status: cs.status,
        StatusReason: cs.statusReason,
        CreationTime: cs.creationTime,
        Description: cs.description,
        IncludeNestedStacks: false,
      })),
  };
}
