import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  paginateDescribeMetricFilters,
  paginateFilterLogEvents,
  TestMetricFilterCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { AwsCallError, awsCall, lazyClient } from './client-config';

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

export interface MetricFilterFacts {
  name: string;
  pattern: string;
  /** What each match publishes (a metric filter has one transformation). */
  metrics: Array<{ namespace: string; name: string; value: string; defaultValue?: number }>;
}

/** Every metric filter on a log group, by name. */
export async function describeMetricFilters(logGroupName: string): Promise<MetricFilterFacts[]> {
  return awsCall('DescribeMetricFilters', async () => {
    const filters: MetricFilterFacts[] = [];
    for await (const page of paginateDescribeMetricFilters({ client: logs() }, { logGroupName })) {
      for (const filter of page.metricFilters ?? []) {
        filters.push({
          name: filter.filterName ?? '',
          pattern: filter.filterPattern ?? '',
          metrics: (filter.metricTransformations ?? []).map((t) => ({
            namespace: t.metricNamespace ?? '',
            name: t.metricName ?? '',
            value: t.metricValue ?? '',
            ...(t.defaultValue !== undefined ? { defaultValue: t.defaultValue } : {}),
          })),
        });
      }
    }
    return filters;
  });
}

/**
 * The newest `count` log events of a group from the last `windowMs` (oldest first). FilterLogEvents answers oldest
 * first, so this reads at most `maxPages` pages of the window and keeps the tail: enough for sample lines.
 */
export async function readRecentLogMessages(
  logGroupName: string,
  { count = 20, windowMs = 60 * 60_000, maxPages = 5 } = {},
): Promise<string[]> {
  return awsCall('FilterLogEvents', async () => {
    const messages: string[] = [];
    let pages = 0;
    const input = { logGroupName, startTime: Date.now() - windowMs, limit: 500 };
    for await (const page of paginateFilterLogEvents({ client: logs() }, input)) {
      for (const event of page.events ?? []) if (event.message) messages.push(event.message);
      if (messages.length > count * 4) messages.splice(0, messages.length - count);
      if (++pages >= maxPages) break;
    }
    return messages.slice(-count);
  });
}

export interface PatternMatch {
  /** 1-based position of the line among those tested. */
  lineNumber: number;
  message: string;
  /** Values the pattern names (`$.field`, `$name`) as extracted from the line. */
  extractedValues: Record<string, string>;
}

/** TestMetricFilter: which of the lines the pattern matches, with the values it extracts. Changes nothing. */
export async function testMetricFilter(filterPattern: string, logEventMessages: string[]): Promise<PatternMatch[]> {
  const out = await awsCall('TestMetricFilter', () =>
    logs().send(new TestMetricFilterCommand({ filterPattern, logEventMessages })),
  );
  return (out.matches ?? []).map((m) => ({
    lineNumber: m.eventNumber ?? 0,
    message: m.eventMessage ?? '',
    extractedValues: m.extractedValues ?? {},
  }));
}
