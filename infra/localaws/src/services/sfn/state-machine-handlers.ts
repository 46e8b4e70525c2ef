/** State machine operations: create, describe, update, delete, list, and tags (on machines and executions). */
import type * as Sfn from '@aws-sdk/client-sfn';
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../types';
import { checkArn, checkName, paginate, stateMachineArn } from './arns';
import { checkDefinition } from './definition-check';
import {
  AccessDeniedException,
  InvalidArn,
  InvalidLoggingConfiguration,
  MissingRequiredParameter,
  ResourceNotFound,
  SfnValidationException,
  StateMachineAlreadyExists,
  StateMachineDoesNotExist,
} from './errors';
import { checkLoggingConfiguration } from './logging-check';
import { normalizeLogging, type StateMachine } from './model';
import type { SfnDeps } from './service-deps';

export function findMachine(deps: SfnDeps, ctx: RequestContext, arn: string): StateMachine {
  checkArn(arn, ['stateMachine']);
  const machine = deps.models.sfn.stateMachines.get(ctx.account, ctx.region).get(arn);
  if (!machine) throw new StateMachineDoesNotExist(`State Machine Does Not Exist: '${arn}'`);
  return machine;
}

function checkRole(roleArn: string): void {
  if (!/^arn:aws[\w-]*:iam::\d{12}:role\/.+/.test(roleArn))
    throw new InvalidArn(`Invalid Arn: 'Resource type not valid in this context: ${roleArn}'`);
}

function checkLogging(deps: SfnDeps, ctx: RequestContext, roleArn: string, logging: unknown): void {
  const problem = checkLoggingConfiguration(deps.models, ctx.account, roleArn, logging);
  if (problem?.code === 'AccessDenied') throw new AccessDeniedException(problem.message);
  if (problem) throw new InvalidLoggingConfiguration(problem.message);
}

export function describeLogging(raw: unknown): Sfn.LoggingConfiguration {
  const logging = normalizeLogging(raw);
  return {
    level: logging?.level ?? 'OFF',
    includeExecutionData: logging?.includeExecutionData ?? false,
    ...(logging?.destinations?.length ? { destinations: logging.destinations } : {}),
  };
}

export function createStateMachine(
  deps: SfnDeps,
  input: Sfn.CreateStateMachineInput,
  ctx: RequestContext,
): Sfn.CreateStateMachineOutput {
  const name = input.name ?? '';
  checkName(name);
  const type = input.type ?? 'STANDARD';
  if (type !== 'STANDARD' && type !== 'EXPRESS') {
    throw new SfnValidationException(
      `1 validation error detected: Value '${type}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]`,
    );
  }
  checkDefinition(input.definition ?? '');
  checkRole(input.roleArn ?? '');
  checkLogging(deps, ctx, input.roleArn ?? '', input.loggingConfiguration);
  const arn = stateMachineArn(ctx.region, ctx.account, name);
  const machines = deps.models.sfn.stateMachines.get(ctx.account, ctx.region);
  const existing = machines.get(arn);
  if (existing) {
    // AWS answers a repeated identical create with the existing machine.
    if (existing.definition === input.definition && existing.roleArn === input.roleArn && existing.type === type)
      return { stateMachineArn: arn, creationDate: existing.creationDate };
    throw new StateMachineAlreadyExists(`State Machine Already Exists: '${arn}'`);
  }
  const machine: StateMachine = {
    name,
    arn,
    roleArn: input.roleArn ?? '',
    definition: input.definition ?? '',
    type,
    loggingConfiguration: input.loggingConfiguration,
    creationDate: ctx.clock.now(),
    revisionId: randomUUID(),
    tags: new Map((input.tags ?? []).map((t) => [t.key ?? '', t.value ?? ''])),
  };
  machines.set(arn, machine);
  return { stateMachineArn: arn, creationDate: machine.creationDate };
}

export function describeStateMachine(
  deps: SfnDeps,
  input: Sfn.DescribeStateMachineInput,
  ctx: RequestContext,
): Sfn.DescribeStateMachineOutput {
  return describeMachine(findMachine(deps, ctx, input.stateMachineArn ?? ''));
}

export function describeMachine(m: StateMachine): Sfn.DescribeStateMachineOutput {
  return {
    stateMachineArn: m.arn,
    name: m.name,
    status: 'ACTIVE',
    definition: m.definition,
    roleArn: m.roleArn,
    type: m.type as Sfn.StateMachineType,
    creationDate: m.creationDate,
    loggingConfiguration: describeLogging(m.loggingConfiguration),
    tracingConfiguration: { enabled: false },
    ...(m.revisionId ? { revisionId: m.revisionId } : {}),
    ...(m.description ? { description: m.description } : {}),
  };
}

export function updateStateMachine(
  deps: SfnDeps,
  input: Sfn.UpdateStateMachineInput,
  ctx: RequestContext,
): Sfn.UpdateStateMachineOutput {
  const machine = findMachine(deps, ctx, input.stateMachineArn ?? '');
  if (
    input.definition === undefined &&
    input.roleArn === undefined &&
    input.loggingConfiguration === undefined &&
    input.tracingConfiguration === undefined
  ) {
    throw new MissingRequiredParameter(
      'Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified',
    );
  }
  if (input.definition !== undefined) checkDefinition(input.definition);
  if (input.roleArn !== undefined) checkRole(input.roleArn);
  const roleArn = input.roleArn ?? machine.roleArn;
  if (input.loggingConfiguration !== undefined || input.roleArn !== undefined)
    checkLogging(deps, ctx, roleArn, input.loggingConfiguration ?? machine.loggingConfiguration);
  Object.assign(machine, {
    definition: input.definition ?? machine.definition,
    roleArn,
    loggingConfiguration: input.loggingConfiguration ?? machine.loggingConfiguration,
    updateDate: ctx.clock.now(),
    revisionId: randomUUID(),
  });
  return { updateDate: machine.updateDate, revisionId: machine.revisionId };
}

export function deleteStateMachine(
  deps: SfnDeps,
  input: Sfn.DeleteStateMachineInput,
  ctx: RequestContext,
): Sfn.DeleteStateMachineOutput {
  const arn = input.stateMachineArn ?? '';
  checkArn(arn, ['stateMachine']);
  // Deleting an absent machine succeeds; running executions are stopped, as AWS does eventually.
  deps.models.sfn.stateMachines.get(ctx.account, ctx.region).delete(arn);
  for (const execution of deps.models.sfn.executions.get(ctx.account, ctx.region).values()) {
    if (execution.stateMachineArn === arn)
      deps.models.sfn.running.get(execution.executionArn)?.stop('States.Aborted', 'The state machine was deleted');
  }
  return {};
}

export function listStateMachines(
  deps: SfnDeps,
  input: Sfn.ListStateMachinesInput,
  ctx: RequestContext,
): Sfn.ListStateMachinesOutput {
  const all = [...deps.models.sfn.stateMachines.get(ctx.account, ctx.region).values()].sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  const { page, nextToken } = paginate(all, input.maxResults, input.nextToken);
  return {
    stateMachines: page.map((m) => ({
      stateMachineArn: m.arn,
      name: m.name,
      type: m.type as Sfn.StateMachineType,
      creationDate: m.creationDate,
    })),
    nextToken,
  };
}

function taggable(deps: SfnDeps, ctx: RequestContext, arn: string): Map<string, string> {
  checkArn(arn, ['stateMachine', 'activity']);
  const machine = deps.models.sfn.stateMachines.get(ctx.account, ctx.region).get(arn);
  if (!machine) throw new ResourceNotFound(`Resource not found: '${arn}'`);
  return (machine.tags ??= new Map());
}

export function tagResource(deps: SfnDeps, input: Sfn.TagResourceInput, ctx: RequestContext): Sfn.TagResourceOutput {
  const tags = taggable(deps, ctx, input.resourceArn ?? '');
  for (const tag of input.tags ?? []) tags.set(tag.key ?? '', tag.value ?? '');
  return {};
}

export function untagResource(deps: SfnDeps, input: Sfn.UntagResourceInput, ctx: RequestContext): Sfn.UntagResourceOutput {
  const tags = taggable(deps, ctx, input.resourceArn ?? '');
  for (const key of input.tagKeys ?? []) tags.delete(key);
  return {};
}

export function listTagsForResource(
  deps: SfnDeps,
  input: Sfn.ListTagsForResourceInput,
  ctx: RequestContext,
): Sfn.ListTagsForResourceOutput {
  return { tags: [...taggable(deps, ctx, input.resourceArn ?? '')].map(([key, value]) => ({ key, value })) };
}
