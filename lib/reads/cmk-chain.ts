import { AwsCallError } from '@/lib/aws/client-config';
import { describeAlarmsForMetric } from '@/lib/aws/cloudwatch';
import { explainAwsError } from '@/lib/aws/explain-error';
import { describeStack } from '@/lib/aws/cloudformation';
import { describeLogGroup, describeMetricFilters, readRecentLogMessages } from '@/lib/aws/logs';
import { assessCmkChain, type ChainFilter, type CmkChain } from '@/lib/cmk/chain';
import { bindingOfGroup } from '@/lib/cmk/read-binding';
import type { AlarmSummary } from '@/lib/alarms/types';

/**
 * The stack's CMK chain, read from AWS: the stack (outputs LogGroupName, CmkArn; parameter EnableCmk), the log group,
 * its key and key policy, the group's metric filters and the alarms on their metrics. null when the stack does not
 * exist. About nine reads; the live feed (lib/live/cmk-feed.ts) shares one such poll between every viewer.
 */
export async function readCmkChain(stackName: string): Promise<CmkChain | null> {
  const stack = await describeStack(stackName);
  if (!stack) return null;
  const groupName = stack.outputs.LogGroupName;
  const group = groupName ? await describeLogGroup(groupName) : null;
  const [binding, filters] = await Promise.all([
    bindingOfGroup(stack, group),
    group ? readFiltersWithAlarms(group.name).catch(explainFailure) : Promise.resolve([]),
  ]);
  const enableCmk = stack.parameters.EnableCmk;
  return assessCmkChain({
    stackName,
    enableCmk: enableCmk === undefined ? null : enableCmk === 'true',
    ...(stack.outputs.CmkArn ? { expectedKeyArn: stack.outputs.CmkArn } : {}),
    binding,
    ...(group?.kmsKeyId ? { logGroupKeyId: group.kmsKeyId } : {}),
    ...(Array.isArray(filters) ? { filters } : { filters: [], filtersError: filters.error }),
  });
}

/**
 * A refused filters or alarms read (the TapStack's read-only policy predates them) leaves the binding checks
 * standing: the code and a plain sentence go on the chain, the full text to the server log.
 */
function explainFailure(error: unknown): { error: string } {
  if (!(error instanceof AwsCallError)) throw error;
  console.error(error);
  const { code, sentence } = explainAwsError(error);
  return { error: `${code}: ${sentence}` };
}

async function readFiltersWithAlarms(logGroupName: string): Promise<ChainFilter[]> {
  const filters = await describeMetricFilters(logGroupName);
  // One DescribeAlarmsForMetric per distinct metric, shared by the filters that publish it.
  const metrics = new Map<string, Promise<AlarmSummary[]>>();
  const alarmsOf = (namespace: string, name: string) => {
    const key = `${namespace}\u0000${name}`;
    if (!metrics.has(key)) metrics.set(key, describeAlarmsForMetric(namespace, name));
    return metrics.get(key)!;
  };
  return Promise.all(
    filters.map(async (filter) => {
      const alarms = (await Promise.all(filter.metrics.map((m) => alarmsOf(m.namespace, m.name)))).flat();
      return { ...filter, alarms: alarms.sort((a, b) => a.name.localeCompare(b.name)) };
    }),
  );
}

/** Sample lines for the pattern tester: the group's newest events (editable on the page). */
export async function readSampleLogLines(logGroupName: string): Promise<string[]> {
  return readRecentLogMessages(logGroupName, { count: 20 });
}
