import {
  DescribeChangeSetCommand,
  paginateListChangeSets,
  type Change,
  type ChangeSetSummary as WireChangeSetSummary,
} from '@aws-sdk/client-cloudformation';
import { AwsCallError } from './client-config';
import { cloudformation } from './cloudformation';

/**
 * Change set reads for the stack's Change sets section. The promotion gate's describeChangeSet
 * (cloudformation-writes.ts) keeps its own ChangeRow shape, which its approval hash is computed over; this one
 * reads every field a reviewer wants (scope, evaluation, causing entities) without touching that hash.
 */
export interface ChangeSetSummary {
  arn: string;
  name: string;
  /** CREATE_PENDING, CREATE_IN_PROGRESS, CREATE_COMPLETE, DELETE_*, FAILED */
  status: string;
  /** AVAILABLE, UNAVAILABLE, EXECUTE_IN_PROGRESS, EXECUTE_COMPLETE, EXECUTE_FAILED, OBSOLETE */
  executionStatus: string;
  statusReason?: string;
  description?: string;
  createdAt: string;
}

export interface ChangeSetChange {
  action: string;
  logicalId: string;
  physicalId?: string;
  resourceType: string;
  /** True, False or Conditional; absent for Add and Remove */
  replacement?: string;
  /** Properties, Metadata, Tags, … */
  scope: string[];
  /** the properties or attributes whose change causes this, with whether they force a replacement */
  details: Array<{ target: string; requiresRecreation?: string; causingEntity?: string }>;
}

/** The stack's change sets, newest first. */
export async function listChangeSets(stackName: string): Promise<ChangeSetSummary[]> {
  try {
    const summaries: ChangeSetSummary[] = [];
    for await (const page of paginateListChangeSets({ client: cloudformation() }, { StackName: stackName })) {
      summaries.push(...(page.Summaries ?? []).map(reshapeSummary));
    }
    return summaries.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  } catch (error) {
    throw AwsCallError.from('ListChangeSets', error);
  }
}

/** The changes of one change set (all pages); null when CloudFormation no longer has it. */
export async function listChangeSetChanges(stackName: string, changeSet: string): Promise<ChangeSetChange[] | null> {
  const changes: ChangeSetChange[] = [];
  let nextToken: string | undefined;
  try {
    do {
      const input = { StackName: stackName, ChangeSetName: changeSet, NextToken: nextToken };
      const page = await cloudformation().send(new DescribeChangeSetCommand(input));
      changes.push(...(page.Changes ?? []).flatMap(reshapeChange));
      nextToken = page.NextToken;
    } while (nextToken);
    return changes;
  } catch (error) {
    if ((error as { name?: string }).name === 'ChangeSetNotFoundException') return null;
    throw AwsCallError.from('DescribeChangeSet', error);
  }
}

function reshapeSummary(wire: WireChangeSetSummary): ChangeSetSummary {
  return {
    arn: wire.ChangeSetId ?? '',
    name: wire.ChangeSetName ?? '',
    status: wire.Status ?? 'UNKNOWN',
    executionStatus: wire.ExecutionStatus ?? 'UNAVAILABLE',
    ...(wire.StatusReason ? { statusReason: wire.StatusReason } : {}),
    ...(wire.Description ? { description: wire.Description } : {}),
    createdAt: (wire.CreationTime ?? new Date(0)).toISOString(),
  };
}

function reshapeChange(change: Change): ChangeSetChange[] {
  const rc = change.ResourceChange;
  if (!rc) return [];
  return [
    {
      action: rc.Action ?? '',
      logicalId: rc.LogicalResourceId ?? '',
      ...(rc.PhysicalResourceId ? { physicalId: rc.PhysicalResourceId } : {}),
      resourceType: rc.ResourceType ?? '',
      ...(rc.Replacement ? { replacement: rc.Replacement } : {}),
      scope: rc.Scope ?? [],
      details: (rc.Details ?? []).map((detail) => ({
        target: detail.Target?.Name ?? detail.Target?.Attribute ?? '',
        ...(detail.Target?.RequiresRecreation ? { requiresRecreation: detail.Target.RequiresRecreation } : {}),
        ...(detail.CausingEntity ? { causingEntity: detail.CausingEntity } : {}),
      })),
    },
  ];
}
