/** Shared test setup: a localaws on a free port and real SDK clients pointed at it. */
import {
  CloudFormationClient,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';
import { STSClient } from '@aws-sdk/client-sts';
import { startLocalaws, type Localaws } from '../index';

export interface TestEnv {
  server: Localaws;
  cfn: CloudFormationClient;
  sts: STSClient;
}

export async function startTestEnv(speed = 200): Promise<TestEnv> {
  const server = await startLocalaws({ port: 0, speed, log: () => undefined });
  const config = { endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  return { server, cfn: new CloudFormationClient(config), sts: new STSClient(config) };
}

export async function stopTestEnv(env: TestEnv | undefined): Promise<void> {
  env?.cfn.destroy();
  env?.sts.destroy();
  await env?.server.close();
}

/** Polls DescribeStacks (by id, so DELETE_COMPLETE stays visible) until the status is terminal. */
export async function waitForStack(cfn: CloudFormationClient, stackId: string, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: stackId }));
    const status = Stacks?.[0]?.StackStatus ?? 'UNKNOWN';
    if (!status.endsWith('_IN_PROGRESS')) return status;
    if (Date.now() > deadline) throw new Error(`stack ${stackId} still ${status}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Every event of a stack, newest first, following NextToken. */
export async function allEvents(cfn: CloudFormationClient, stackName: string): Promise<{ events: StackEvent[]; pages: number }> {
  const events: StackEvent[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const page = await cfn.send(new DescribeStackEventsCommand({ StackName: stackName, NextToken: token }));
    events.push(...(page.StackEvents ?? []));
    token = page.NextToken;
    pages += 1;
  } while (token);
  return { events, pages };
}

/** "Logical STATUS[ reason]" lines, oldest first, for readable sequence assertions. */
export function eventLines(events: StackEvent[]): string[] {
  return [...events]
    .reverse()
    .map((e) => `${e.LogicalResourceId} ${e.ResourceStatus}${e.ResourceStatusReason ? ` ${e.ResourceStatusReason}` : ''}`);
}
