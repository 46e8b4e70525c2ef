/** What every CloudFormation handler works with, and helpers they share. */
import type { Stack, StackStatus } from '@aws-sdk/client-cloudformation';
import { ValidationError } from '../../errors';
import type { S3Model } from '../s3/model';
import type { RequestContext } from '../types';
import type { StackEngine } from './engine';
import { stackNotFound } from './errors';
import type { CloudFormationModel, RegionState, StackState } from './model';
import { describeParameters } from './parameters';
import type { AlarmLookup } from './rollback-triggers';
import { checkTemplateBodyLength } from './template';
import { readTemplateUrl } from './template-url';

export interface CfnDeps {
  model: CloudFormationModel;
  engine: StackEngine;
  /** where TemplateURL objects are read from */
  s3: S3Model;
  /** CloudWatch alarm states by ARN, for rollback triggers */
  alarmState: AlarmLookup;
}

export const UPDATABLE: StackStatus[] = [
  'CREATE_COMPLETE',
  'UPDATE_COMPLETE',
  'UPDATE_ROLLBACK_COMPLETE',
  'IMPORT_COMPLETE',
  'IMPORT_ROLLBACK_COMPLETE',
];

export function regionOf(deps: CfnDeps, ctx: RequestContext): RegionState {
  return deps.model.region(ctx.account, ctx.region);
}

export function requireStack(deps: CfnDeps, ctx: RequestContext, nameOrId: string): StackState {
  const stack = deps.model.findStack(regionOf(deps, ctx), nameOrId);
  if (!stack) throw stackNotFound(nameOrId);
  return stack;
}

const STACK_NAME = /^[a-zA-Z][-a-zA-Z0-9]*$/;

export function checkStackName(name: string): void {
  if (name.length > 128 || !STACK_NAME.test(name)) {
    throw new ValidationError(
      `1 validation error detected: Value '${name}' at 'stackName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*|arn:[-a-zA-Z0-9:/._+]*`,
    );
  }
}

export function templateBodyOf(
  deps: CfnDeps,
  ctx: RequestContext,
  input: { TemplateBody?: string; TemplateURL?: string },
): string {
  if (input.TemplateBody !== undefined) {
    checkTemplateBodyLength(input.TemplateBody);
    return input.TemplateBody;
  }
  if (input.TemplateURL !== undefined) return readTemplateUrl(deps.s3, input.TemplateURL, ctx.account);
  throw new ValidationError('Either Template URL or Template Body must be specified.');
}

export function describeStack(stack: StackState): Stack {
  return {
    StackId: stack.stackId,
    StackName: stack.stackName,
    ChangeSetId: stack.changeSetId,
    Description: stack.plan.template.Description,
    Parameters: describeParameters(stack.plan.parameters),
    CreationTime: stack.creationTime,
    LastUpdatedTime: stack.lastUpdatedTime,
    DeletionTime: stack.deletionTime,
    StackStatus: stack.status,
    StackStatusReason: stack.statusReason,
    DisableRollback: stack.disableRollback,
    NotificationARNs: [],
    Capabilities: stack.capabilities,
    Outputs: stack.outputs,
    Tags: stack.tags,
    EnableTerminationProtection: stack.terminationProtection === true,
    RollbackConfiguration: stack.rollbackConfiguration ?? {},
    DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
  };
}
