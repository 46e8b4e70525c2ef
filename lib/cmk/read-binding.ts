import { AwsCallError } from '@/lib/aws/client-config';
import { explainAwsError } from '@/lib/aws/explain-error';
import { readKey } from '@/lib/aws/kms';
import { describeLogGroup, type LogGroupFacts } from '@/lib/aws/logs';
import { config } from '@/lib/config';
import type { StackSummary } from '@/lib/rollout/types';
import { checkLogsKeyPolicy } from './key-policy';
import type { CmkBinding } from './types';

/** The stack's log group and its CMK, read through the stack's `LogGroupName` output and `EnableCmk` parameter. */
export async function readCmkBinding(stack: StackSummary): Promise<CmkBinding> {
  const name = stack.outputs.LogGroupName;
  return bindingOfGroup(stack, name ? await describeLogGroup(name) : null);
}

/** The binding of a log group already described (the CMK chain reads the group once for several links). */
export async function bindingOfGroup(stack: StackSummary, group: LogGroupFacts | null): Promise<CmkBinding> {
  if (!group) return { kind: 'no-log-group' };
  if (!group.kmsKeyId)
    return { kind: 'unencrypted', logGroupName: group.name, cmkExpected: stack.parameters.EnableCmk === 'true' };
  try {
    const { key, policy } = await readKey(group.kmsKeyId);
    return {
      kind: 'bound',
      logGroupName: group.name,
      logGroupArn: group.arn,
      key,
      checks: checkLogsKeyPolicy(policy, group.arn, config.region),
    };
  } catch (error) {
    // The group names a key tapdeck cannot read: say so rather than fail the page. KMS's message names the key's
    // ARN and account, so the binding (shown to every role, and in the promotion preflight) keeps only the code
    // and a plain sentence; the full text goes to the server log.
    console.error(error);
    const { code, sentence } = explainAwsError(AwsCallError.from('DescribeKey', error));
    return {
      kind: 'bound',
      logGroupName: group.name,
      logGroupArn: group.arn,
      key: null,
      keyError: `${code}: ${sentence}`,
      checks: [],
    };
  }
}
