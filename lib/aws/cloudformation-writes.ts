import {
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  GetTemplateCommand,
  UpdateStackCommand,
  type Capability,
  type Change,
  type DescribeChangeSetOutput,
  type Parameter,
} from '@aws-sdk/client-cloudformation';
import type { ChangeRow } from '@/lib/promotion/types';
import { AwsCallError, awsCall } from './client-config';
import { cloudformation } from './cloudformation';

/**
 * CloudFormation writes for the promotion gate: a Mode-only change set on the deployed template, and the demote
 * update. Reads stay in cloudformation.ts; these are kept apart so the read-only dashboard never loads them.
 */
/** A parameter of an update: a new value, or the stack's current one. */
export type ParameterChange = { key: string; value: string } | { key: string; usePrevious: true };

/** What an update needs to know about a stack beyond the dashboard's StackSummary. */
export interface StackForWrite {
  stackId: string;
  name: string;
  status: string;
  parameters: Record<string, string>;
  outputs: Record<string, string>;
  capabilities: string[];
}

export async function describeStackForWrite(name: string): Promise<StackForWrite | null> {
  try {
    const stack = (await cloudformation().send(new DescribeStacksCommand({ StackName: name }))).Stacks?.[0];
    if (!stack) return null;
    return {
      stackId: stack.StackId ?? '',
      name: stack.StackName ?? name,
      status: stack.StackStatus ?? 'UNKNOWN',
      parameters: Object.fromEntries((stack.Parameters ?? []).map((p) => [p.ParameterKey ?? '', p.ParameterValue ?? ''])),
      outputs: Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? ''])),
      capabilities: stack.Capabilities ?? [],
    };
  } catch (error) {
    const e = error as { name?: string; message?: string };
    if (e.name === 'ValidationError' && /does not exist/.test(e.message ?? '')) return null;
    throw AwsCallError.from('DescribeStacks', error);
  }
}

const toWireParameters = (changes: ParameterChange[]): Parameter[] =>
  changes.map((p) =>
    'usePrevious' in p ? { ParameterKey: p.key, UsePreviousValue: true } : { ParameterKey: p.key, ParameterValue: p.value },
  );

const toRollbackConfiguration = (arns: string[] | undefined, minutes: number | undefined) =>
  arns === undefined
    ? undefined
    : { RollbackTriggers: arns.map((Arn) => ({ Arn, Type: 'AWS::CloudWatch::Alarm' })), MonitoringTimeInMinutes: minutes ?? 0 };

export interface CreateChangeSetInput {
  stackName: string;
  changeSetName: string;
  /** makes a retried create idempotent on AWS's side */
  clientToken: string;
  description?: string;
  parameters: ParameterChange[];
  capabilities: string[];
  /** CloudWatch alarms CloudFormation watches during the update and for `monitoringMinutes` after it */
  rollbackTriggerArns: string[];
  monitoringMinutes: number;
}

/** An UPDATE change set on the stack's current template (`UsePreviousTemplate`). */
export async function createChangeSet(input: CreateChangeSetInput): Promise<{ changeSetArn: string; stackId: string }> {
  const out = await awsCall('CreateChangeSet', () =>
    cloudformation().send(
      new CreateChangeSetCommand({
        StackName: input.stackName,
        ChangeSetName: input.changeSetName,
        ChangeSetType: 'UPDATE',
        UsePreviousTemplate: true,
        Parameters: toWireParameters(input.parameters),
        Capabilities: input.capabilities as Capability[],
        ClientToken: input.clientToken,
        Description: input.description,
        RollbackConfiguration: toRollbackConfiguration(input.rollbackTriggerArns, input.monitoringMinutes),
      }),
    ),
  );
  return { changeSetArn: out.Id ?? '', stackId: out.StackId ?? '' };
}

/** A change set as the promotion gate reads it. */
export interface ChangeSetFacts {
  arn: string;
  name: string;
  stackId: string;
  /** CREATE_PENDING, CREATE_IN_PROGRESS, CREATE_COMPLETE, FAILED, … */
  status: string;
  /** AVAILABLE, UNAVAILABLE, EXECUTE_IN_PROGRESS, EXECUTE_COMPLETE, EXECUTE_FAILED, OBSOLETE */
  executionStatus: string;
  statusReason?: string;
  /** the parameters the update would run with (NoEcho ones masked, as AWS returns them) */
  parameters: Record<string, string>;
  changes: ChangeRow[];
  capabilities: string[];
  rollbackTriggerArns: string[];
}

/** The change set, or null when CloudFormation no longer has it. Follows NextToken for long change lists. */
export async function describeChangeSet(stackName: string, changeSet: string): Promise<ChangeSetFacts | null> {
  let first: DescribeChangeSetOutput | undefined;
  const changes: Change[] = [];
  let nextToken: string | undefined;
  try {
    do {
      const input = { StackName: stackName, ChangeSetName: changeSet, NextToken: nextToken };
      const page = await cloudformation().send(new DescribeChangeSetCommand(input));
      first ??= page;
      changes.push(...(page.Changes ?? []));
      nextToken = page.NextToken;
    } while (nextToken);
  } catch (error) {
    const e = error as { name?: string; message?: string };
    // A deleted stack takes its change sets with it.
    if (e.name === 'ChangeSetNotFoundException') return null;
    if (e.name === 'ValidationError' && /does not exist/.test(e.message ?? '')) return null;
    throw AwsCallError.from('DescribeChangeSet', error);
  }
  if (!first) return null;
  return {
    arn: first.ChangeSetId ?? '',
    name: first.ChangeSetName ?? '',
    stackId: first.StackId ?? '',
    status: first.Status ?? 'UNKNOWN',
    executionStatus: first.ExecutionStatus ?? 'UNAVAILABLE',
    statusReason: first.StatusReason,
    parameters: Object.fromEntries((first.Parameters ?? []).map((p) => [p.ParameterKey ?? '', p.ParameterValue ?? ''])),
    changes: changes.flatMap(reshapeChange),
    capabilities: first.Capabilities ?? [],
    rollbackTriggerArns: (first.RollbackConfiguration?.RollbackTriggers ?? []).map((t) => t.Arn ?? ''),
  };
}

function reshapeChange(change: Change): ChangeRow[] {
  const rc = change.ResourceChange;
  if (!rc) return [];
  const details = (rc.Details ?? []).map((d) => d.Target?.Name ?? d.Target?.Attribute ?? '').filter(Boolean);
  return [
    {
      logicalId: rc.LogicalResourceId ?? '',
      resourceType: rc.ResourceType ?? '',
      action: rc.Action ?? '',
      ...(rc.Replacement ? { replacement: rc.Replacement } : {}),
      details: [...new Set(details)],
    },
  ];
}

/** The template the change set would deploy, as submitted (stage Original). */
export async function getChangeSetTemplate(stackName: string, changeSet: string): Promise<string> {
  const out = await awsCall('GetTemplate', () =>
    cloudformation().send(new GetTemplateCommand({ StackName: stackName, ChangeSetName: changeSet, TemplateStage: 'Original' })),
  );
  return out.TemplateBody ?? '';
}

/** Starts the update. The token makes a retry of a call whose answer was lost safe: AWS runs it once. */
export async function executeChangeSet(stackName: string, changeSetArn: string, clientRequestToken: string): Promise<void> {
  await awsCall('ExecuteChangeSet', () =>
    cloudformation().send(
      new ExecuteChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetArn, ClientRequestToken: clientRequestToken }),
    ),
  );
}

export async function deleteChangeSet(stackName: string, changeSetArn: string): Promise<void> {
  await awsCall('DeleteChangeSet', () =>
    cloudformation().send(new DeleteChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetArn })),
  );
}

export interface UpdateParametersInput {
  stackName: string;
  parameters: ParameterChange[];
  capabilities: string[];
  clientRequestToken: string;
  /** undefined keeps the stack's rollback triggers; a list (even empty) replaces them */
  rollbackTriggerArns?: string[];
  monitoringMinutes?: number;
}

/** A direct update on the current template (`UsePreviousTemplate`): what demote runs. */
export async function updateStackParameters(input: UpdateParametersInput): Promise<{ stackId: string }> {
  const out = await awsCall('UpdateStack', () =>
    cloudformation().send(
      new UpdateStackCommand({
        StackName: input.stackName,
        UsePreviousTemplate: true,
        Parameters: toWireParameters(input.parameters),
        Capabilities: input.capabilities as Capability[],
        ClientRequestToken: input.clientRequestToken,
        RollbackConfiguration: toRollbackConfiguration(input.rollbackTriggerArns, input.monitoringMinutes),
      }),
    ),
  );
  return { stackId: out.StackId ?? '' };
}
