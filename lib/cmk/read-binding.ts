import { readKey } from '@/lib/aws/kms';
import { describeLogGroup } from '@/lib/aws/logs';
import { config } from '@/lib/config';
import type { StackSummary } from '@/lib/rollout/types';
import { checkLogsKeyPolicy } from './key-policy';
import type { CmkBinding } from './types';

/** The stack's log group and its CMK, read through the stack's `LogGroupName` output and `EnableCmk` parameter. */
export async function readCmkBinding(stack: StackSummary): Promise<CmkBinding> {
  const name = stack.outputs.LogGroupName;
  const group = name ? await describeLogGroup(name) : null;
  if (!group) return { kind: 'no-log-group' };
  if (!group.kmsKeyId) return { kind: 'unencrypted', logGroupName: group.name, cmkExpected: stack.parameters.EnableCmk === 'true' };
  try {
    const { key, policy } = await readKey(group.kmsKeyId);
    return { kind: 'bound', logGroupName: group.name, logGroupArn: group.arn, key, checks: checkLogsKeyPolicy(policy, group.arn, config.region) };
  } catch (error) {
    // The group names a key tapdeck cannot read: say so rather than fail the page.
    return { kind: 'bound', logGroupName: group.name, logGroupArn: group.arn, key: null, keyError: (error as Error).message, checks: [] };
  }
}
