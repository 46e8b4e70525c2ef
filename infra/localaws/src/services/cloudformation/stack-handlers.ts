/** Stack operations: create, update, delete, and the reads the CDK CLI and the dashboard poll. */
import type * as Cfn from '@aws-sdk/client-cloudformation';
import { ValidationError } from '../../errors';
import type { RequestContext } from '../types';
import { checkStackName, describeStack, regionOf, requireStack, templateBodyOf, UPDATABLE, type CfnDeps } from './deps';
import { alreadyExists, stackBusy, stackEventsNotFound, terminationProtected } from './errors';
import type { StackPlan, StackState } from './model';
import { buildPlan, diffPlans } from './plan';
import { resolveRollbackConfiguration } from './rollback-triggers';

const EVENTS_PAGE = 100;

export function newStackRecord(
  deps: CfnDeps,
  ctx: RequestContext,
  name: string,
  plan: StackPlan,
  input: {
    Capabilities?: Cfn.Capability[];
    Tags?: Cfn.Tag[];
    DisableRollback?: boolean;
    EnableTerminationProtection?: boolean;
    RollbackConfiguration?: Cfn.RollbackConfiguration;
  },
  stackId: string,
): StackState {
  const stack: StackState = {
    stackId,
    stackName: name,
    status: 'REVIEW_IN_PROGRESS',
    creationTime: ctx.clock.now(),
    plan,
    capabilities: input.Capabilities ?? [],
    tags: input.Tags ?? [],
    disableRollback: input.DisableRollback ?? false,
    terminationProtection: input.EnableTerminationProtection ?? false,
    rollbackConfiguration: input.RollbackConfiguration,
    resources: new Map(),
    events: [],
    outputs: [],
  };
  regionOf(deps, ctx).stacks.push(stack);
  return stack;
}

export function planFor(
  deps: CfnDeps,
  ctx: RequestContext,
  stackName: string,
  stackId: string,
  input: { TemplateBody?: string; TemplateURL?: string; Parameters?: Cfn.Parameter[]; Capabilities?: Cfn.Capability[] },
  previous?: StackState,
  usePreviousTemplate = false,
): StackPlan {
  const templateBody = usePreviousTemplate && previous ? previous.plan.templateBody : templateBodyOf(deps, ctx, input);
  return buildPlan({
    templateBody,
    parameters: input.Parameters,
    previousParameters: previous?.plan.parameters.raw,
    capabilities: input.Capabilities,
    account: ctx.account,
    region: ctx.region,
    stackName,
    stackId,
    importValue: (name) => regionOf(deps, ctx).exports.get(name)?.value,
  });
}

export function createStack(deps: CfnDeps, input: Cfn.CreateStackInput, ctx: RequestContext): Cfn.CreateStackOutput {
  const name = input.StackName ?? '';
  checkStackName(name);
  if (deps.model.findStack(regionOf(deps, ctx), name)) throw alreadyExists(name);
  const stackId = deps.model.newStackId(ctx.account, ctx.region, name);
  const plan = planFor(deps, ctx, name, stackId, input);
  const rollbackConfiguration = resolveRollbackConfiguration(input.RollbackConfiguration, undefined, deps.alarmState);
  const stack = newStackRecord(deps, ctx, name, plan, { ...input, RollbackConfiguration: rollbackConfiguration }, stackId);
  deps.engine.startCreate(stack, regionOf(deps, ctx), input.ClientRequestToken);
  return { StackId: stack.stackId };
}

export function updateStack(deps: CfnDeps, input: Cfn.UpdateStackInput, ctx: RequestContext): Cfn.UpdateStackOutput {
  const stack = requireStack(deps, ctx, input.StackName ?? '');
  if (!UPDATABLE.includes(stack.status)) throw stackBusy(stack.stackId, stack.status);
  const plan = planFor(deps, ctx, stack.stackName, stack.stackId, input, stack, input.UsePreviousTemplate === true);
  const unchanged =
    diffPlans(stack.resources, stack.plan, plan).length === 0 &&
    JSON.stringify(plan.template) === JSON.stringify(stack.plan.template) &&
    JSON.stringify(plan.parameters.raw) === JSON.stringify(stack.plan.parameters.raw);
  const rollbackConfiguration = resolveRollbackConfiguration(
    input.RollbackConfiguration,
    stack.rollbackConfiguration,
    deps.alarmState,
  );
  if (unchanged) throw new ValidationError('No updates are to be performed.');
  if (input.Capabilities) stack.capabilities = input.Capabilities;
  if (input.Tags) stack.tags = input.Tags;
  deps.engine.startUpdate(stack, regionOf(deps, ctx), plan, input.ClientRequestToken, rollbackConfiguration);
  return { StackId: stack.stackId };
}

export function deleteStack(deps: CfnDeps, input: Cfn.DeleteStackInput, ctx: RequestContext): void {
  const region = regionOf(deps, ctx);
  const stack = deps.model.findStack(region, input.StackName ?? '');
  // Deleting a stack that does not exist (or is already going) succeeds quietly, as in AWS.
  if (!stack || stack.status === 'DELETE_COMPLETE' || stack.status === 'DELETE_IN_PROGRESS') return;
  if (stack.terminationProtection) throw terminationProtected(stack.stackName);
  if (stack.status.endsWith('_IN_PROGRESS') && stack.status !== 'REVIEW_IN_PROGRESS')
    throw stackBusy(stack.stackId, stack.status);
  region.changeSets = region.changeSets.filter((cs) => cs.stackId !== stack.stackId);
  deps.engine.startDelete(stack, region, input.ClientRequestToken);
}

/** Allowed in any state but deleted, as AWS does; the stack's status and events do not change. */
export function updateTerminationProtection(
  deps: CfnDeps,
  input: Cfn.UpdateTerminationProtectionInput,
  ctx: RequestContext,
): Cfn.UpdateTerminationProtectionOutput {
  const stack = requireStack(deps, ctx, input.StackName ?? '');
  if (stack.status === 'DELETE_COMPLETE') throw requireStackError(input.StackName ?? '');
  stack.terminationProtection = input.EnableTerminationProtection === true;
  return { StackId: stack.stackId };
}

export function describeStacks(deps: CfnDeps, input: Cfn.DescribeStacksInput, ctx: RequestContext): Cfn.DescribeStacksOutput {
  if (input.StackName) return { Stacks: [describeStack(requireStack(deps, ctx, input.StackName))] };
  const live = regionOf(deps, ctx).stacks.filter((s) => s.status !== 'DELETE_COMPLETE');
  return { Stacks: live.map(describeStack) };
}

export function listStacks(deps: CfnDeps, input: Cfn.ListStacksInput, ctx: RequestContext): Cfn.ListStacksOutput {
  const filter = input.StackStatusFilter ?? [];
  const stacks = regionOf(deps, ctx).stacks.filter((s) => filter.length === 0 || filter.includes(s.status));
  return {
    StackSummaries: [...stacks].reverse().map((s) => ({
      StackId: s.stackId,
      StackName: s.stackName,
      TemplateDescription: s.plan.template.Description,
      CreationTime: s.creationTime,
      LastUpdatedTime: s.lastUpdatedTime,
      DeletionTime: s.deletionTime,
      StackStatus: s.status,
      StackStatusReason: s.statusReason,
      DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
    })),
  };
}

/**
 * Newest first, 100 a page. The token counts from the oldest event, so events that arrive
 * between pages do not shift later pages.
 */
export function describeStackEvents(
  deps: CfnDeps,
  input: Cfn.DescribeStackEventsInput,
  ctx: RequestContext,
): Cfn.DescribeStackEventsOutput {
  const stack = deps.model.findStack(regionOf(deps, ctx), input.StackName ?? '');
  if (!stack) throw stackEventsNotFound(input.StackName ?? '');
  let end = stack.events.length;
  if (input.NextToken !== undefined) {
    end = Number(Buffer.from(input.NextToken, 'base64url').toString('utf8'));
    if (!Number.isInteger(end) || end < 0 || end > stack.events.length) throw new ValidationError('Invalid NextToken');
  }
  const start = Math.max(0, end - EVENTS_PAGE);
  return {
    StackEvents: stack.events.slice(start, end).reverse(),
    NextToken: start > 0 ? Buffer.from(String(start)).toString('base64url') : undefined,
  };
}

export function describeStackResources(
  deps: CfnDeps,
  input: Cfn.DescribeStackResourcesInput,
  ctx: RequestContext,
): Cfn.DescribeStackResourcesOutput {
  const region = regionOf(deps, ctx);
  let stack = input.StackName ? deps.model.findStack(region, input.StackName) : undefined;
  if (!input.StackName && input.PhysicalResourceId) {
    stack = region.stacks.find(
      (s) => s.status !== 'DELETE_COMPLETE' && [...s.resources.values()].some((r) => r.physicalId === input.PhysicalResourceId),
    );
  }
  if (!stack) {
    if (!input.StackName && !input.PhysicalResourceId)
      throw new ValidationError('Either StackName or PhysicalResourceId must be specified.');
    throw requireStackError(input.StackName ?? input.PhysicalResourceId ?? '');
  }
  const owner = stack;
  const resources = [...owner.resources.values()].filter(
    (r) => !input.LogicalResourceId || r.logicalId === input.LogicalResourceId,
  );
  return {
    StackResources: resources.map((r) => ({
      StackName: owner.stackName,
      StackId: owner.stackId,
      LogicalResourceId: r.logicalId,
      PhysicalResourceId: r.physicalId,
      ResourceType: r.type,
      Timestamp: r.lastUpdated,
      ResourceStatus: r.status,
      ResourceStatusReason: r.statusReason,
      DriftInformation: { StackResourceDriftStatus: 'NOT_CHECKED' },
    })),
  };
}

function requireStackError(name: string): ValidationError {
  return new ValidationError(`Stack with id ${name} does not exist`);
}

export function describeStackResource(
  deps: CfnDeps,
  input: Cfn.DescribeStackResourceInput,
  ctx: RequestContext,
): Cfn.DescribeStackResourceOutput {
  const stack = requireStack(deps, ctx, input.StackName ?? '');
  const r = stack.resources.get(input.LogicalResourceId ?? '');
  if (!r) throw new ValidationError(`Resource ${input.LogicalResourceId} does not exist for stack ${input.StackName}`);
  return {
    StackResourceDetail: {
      StackName: stack.stackName,
      StackId: stack.stackId,
      LogicalResourceId: r.logicalId,
      PhysicalResourceId: r.physicalId,
      ResourceType: r.type,
      LastUpdatedTimestamp: r.lastUpdated,
      ResourceStatus: r.status,
      ResourceStatusReason: r.statusReason,
      Metadata: r.definition.Metadata === undefined ? undefined : JSON.stringify(r.definition.Metadata),
      DriftInformation: { StackResourceDriftStatus: 'NOT_CHECKED' },
    },
  };
}
