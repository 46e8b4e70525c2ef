/**
 * Read throughput: CloudFormation DescribeStackEvents on a stack with ~500 events, and CloudWatch
 * DescribeAlarms with 50 alarms, from this process against localaws in another.
 */
import { Agent } from 'node:http';
import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import { CloudWatchClient, DescribeAlarmsCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { runLoad, type LoadResult } from './load';
import type { LocalawsProcess } from './localaws-process';
import { rawCaller } from './raw-request';

export const CONCURRENCY = 16;

export function clientConfig(url: string) {
  return {
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    maxAttempts: 1,
    // Keep-alive, as a long-running dashboard's client would: the benchmark measures requests, not TCP set-up.
    requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: CONCURRENCY }) },
  };
}

/** A template of `count` SNS topics: each resource adds three events (in progress, initiated, complete). */
export function topicsTemplate(count: number): string {
  const resources = Object.fromEntries(Array.from({ length: count }, (_, i) => [`Topic${i}`, { Type: 'AWS::SNS::Topic' }]));
  return JSON.stringify({ Resources: resources });
}

export async function createStackAndWait(cfn: CloudFormationClient, name: string, templateBody: string): Promise<void> {
  const { StackId } = await cfn.send(new CreateStackCommand({ StackName: name, TemplateBody: templateBody }));
  for (;;) {
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: StackId }));
    const status = Stacks?.[0]?.StackStatus ?? '';
    if (!status.endsWith('_IN_PROGRESS')) {
      if (status !== 'CREATE_COMPLETE') throw new Error(`bench stack ${name} ended ${status}: ${Stacks?.[0]?.StackStatusReason}`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function benchStackEvents(
  localaws: LocalawsProcess,
  requests: number,
): Promise<LoadResult & { events: number; responseBytes: number }> {
  const cfn = new CloudFormationClient(clientConfig(localaws.url));
  try {
    await createStackAndWait(cfn, 'bench-events', topicsTemplate(166));
    let events = 0;
    let token: string | undefined;
    do {
      const page = await cfn.send(new DescribeStackEventsCommand({ StackName: 'bench-events', NextToken: token }));
      events += page.StackEvents?.length ?? 0;
      token = page.NextToken;
    } while (token);
    const serverCpu = async () => (await localaws.memory()).cpuMicros;
    const call = rawCaller(
      localaws.url,
      'cloudformation',
      { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      'Action=DescribeStackEvents&Version=2010-05-15&StackName=bench-events',
      CONCURRENCY,
    );
    const responseBytes = await call();
    const result = await runLoad(call, requests, CONCURRENCY, 500, serverCpu);
    return { ...result, events, responseBytes };
  } finally {
    cfn.destroy();
  }
}

export async function benchDescribeAlarms(
  localaws: LocalawsProcess,
  requests: number,
): Promise<(LoadResult & { alarms: number; responseBytes: number }) | { skipped: string }> {
  const cloudwatch = new CloudWatchClient(clientConfig(localaws.url));
  try {
    for (let i = 0; i < 50; i += 1) {
      await cloudwatch.send(
        new PutMetricAlarmCommand({
          AlarmName: `bench-alarm-${String(i).padStart(2, '0')}`,
          Namespace: 'Bench',
          MetricName: 'Errors',
          Dimensions: [{ Name: 'Workflow', Value: `w${i}` }],
          Statistic: 'Sum',
          Period: 60,
          EvaluationPeriods: 1,
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        }),
      );
    }
  } catch (error) {
    cloudwatch.destroy();
    return {
      skipped: `CloudWatch PutMetricAlarm failed (${error instanceof Error ? `${error.name}: ${error.message}` : String(error)})`,
    };
  }
  try {
    const { MetricAlarms } = await cloudwatch.send(new DescribeAlarmsCommand({}));
    const serverCpu = async () => (await localaws.memory()).cpuMicros;
    const call = rawCaller(
      localaws.url,
      'monitoring',
      { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'GraniteServiceVersion20100801.DescribeAlarms' },
      '{}',
      CONCURRENCY,
    );
    const responseBytes = await call();
    const result = await runLoad(call, requests, CONCURRENCY, 500, serverCpu);
    return { ...result, alarms: MetricAlarms?.length ?? 0, responseBytes };
  } finally {
    cloudwatch.destroy();
  }
}
