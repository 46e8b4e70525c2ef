import { cache } from 'react';
import {
  listChangeSetChanges,
  listChangeSets,
  type ChangeSetChange,
  type ChangeSetSummary,
} from '@/lib/aws/cloudformation-change-sets';
import { describeStack, listStackEventsSince } from '@/lib/aws/cloudformation';
import { listStackResources } from '@/lib/aws/cloudformation-resources';
import { MAX_KEPT_EVENTS } from '@/lib/rollout/operations';
import type { StackEvent, StackSummary } from '@/lib/rollout/types';

/**
 * What the stack's sections read. Each throws AwsCallError on an AWS failure (pages wrap them in readOrExplain);
 * a stack that does not exist comes back as `stack: null` so a section can say so instead of an AWS error.
 */

/** The stack (DescribeStacks), once per request however many parts of the page ask. */
export const readStackSummary = cache((name: string): Promise<StackSummary | null> => describeStack(name));

/**
 * The stack's event history, newest first, up to 10,000 events (what CloudFormation's 90 days usually hold for
 * a busy stack). One DescribeStackEvents call per 100 events: the Events and Timeline sections only.
 */
export async function readStackHistory(name: string): Promise<{ stack: StackSummary | null; events: StackEvent[] }> {
  const stack = await readStackSummary(name);
  if (!stack) return { stack, events: [] };
  return { stack, events: await listStackEventsSince(name, undefined, MAX_KEPT_EVENTS) };
}

export async function readStackResources(name: string) {
  const stack = await readStackSummary(name);
  return { stack, resources: stack ? await listStackResources(name) : [] };
}

export interface ChangeSetWithChanges extends ChangeSetSummary {
  /** null when the change set disappeared between the list and the describe */
  changes: ChangeSetChange[] | null;
}

/** How many change sets the section describes; older ones are listed without their changes. */
const DESCRIBED_CHANGE_SETS = 10;

/** The stack's change sets, newest first, the newest ten with their changes. */
export async function readChangeSets(name: string): Promise<{ stack: StackSummary | null; changeSets: ChangeSetWithChanges[] }> {
  const stack = await readStackSummary(name);
  if (!stack) return { stack, changeSets: [] };
  const summaries = await listChangeSets(name);
  const changeSets = await Promise.all(
    summaries.map(async (summary, index) => ({
      ...summary,
      changes: index < DESCRIBED_CHANGE_SETS ? await listChangeSetChanges(name, summary.arn) : null,
    })),
  );
  return { stack, changeSets };
}
