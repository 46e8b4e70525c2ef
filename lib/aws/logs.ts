import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { AwsCallError, lazyClient } from './client-config';

const logs = lazyClient((config) => new CloudWatchLogsClient(config));

export interface LogGroupFacts {
  name: string;
  arn: string;
  kmsKeyId?: string;
  retentionInDays?: number;
}

/** One log group by exact name, or null when it does not exist. */
export async function describeLogGroup(name: string): Promise<LogGroupFacts | null> {
  try {
    const out = await logs().send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name, limit: 5 }));
    const group = out.logGroups?.find((g) => g.logGroupName === name);
    if (!group) return null;
    // Describe returns the ARN with a trailing `:*`; the KMS encryption context uses the ARN without it.
    return { name, arn: (group.arn ?? '').replace(/:\*$/, ''), kmsKeyId: group.kmsKeyId, retentionInDays: group.retentionInDays };
  } catch (error) {
    throw AwsCallError.from('DescribeLogGroups', error);
  }
}
