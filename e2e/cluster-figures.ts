/**
 * The multi-instance figures, shared by the test (e2e/cluster.spec.ts, a few viewers) and the benchmark
 * (bench/cluster.ts, 200 viewers per instance): AWS calls per minute with viewers on every instance against one
 * viewer on one, and a kill -9 of the leading instance during a stack update.
 */
import { CloudFormationClient, DescribeStackEventsCommand, UpdateStackCommand } from '@aws-sdk/client-cloudformation';
import { clientConfig, createStackAndWait } from '../bench/reads';
import { openSse, type OpenedStream } from '../bench/dashboard/sse-client';
import type { DashboardCluster, DashboardInstance } from './dashboard-cluster';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One viewer's stack stream: the event ids in the order sent (a repeat is a fault), the status, and each poll. */
export function recordStack(instance: DashboardInstance, stackName: string, cookie: string) {
  const ids: string[] = [];
  let status = '';
  let polls = 0;
  let wake: () => void = () => {};
  const stream: OpenedStream = openSse(`${instance.url}/api/stacks/${stackName}/stream`, cookie, (frame) => {
    if (frame.event !== 'snapshot' && frame.event !== 'delta' && frame.event !== 'tick') return;
    polls += 1;
    if (frame.event !== 'tick') {
      const message = JSON.parse(frame.data) as { stack: { status: string } | null; events: Array<{ eventId: string }> };
      ids.push(...message.events.map((event) => event.eventId).reverse());
      status = message.stack?.status ?? 'GONE';
    }
    wake();
  });
  /** Resolves once the stream has seen `more` polls after now (each poll sends a snapshot, a delta or a tick). */
  async function nextPolls(more: number, timeoutMs = 30_000) {
    const target = polls + more;
    const deadline = Date.now() + timeoutMs;
    while (polls < target) {
      if (Date.now() > deadline) throw new Error(`${instance.url}: no poll for ${timeoutMs / 1000} s`);
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 250);
      });
    }
  }
  return { ids, status: () => status, first: stream.first, nextPolls, close: stream.close };
}

export type StackRecording = ReturnType<typeof recordStack>;

/** `parallel` SNS topics, then `chained` more, each after the one before: an update that lasts. */
export function topicsTemplate(parallel: number, chained = 0): string {
  const resources: Record<string, unknown> = {};
  for (let i = 0; i < parallel; i++) resources[`Topic${i}`] = { Type: 'AWS::SNS::Topic' };
  for (let i = 0; i < chained; i++)
    resources[`Chained${i}`] = { Type: 'AWS::SNS::Topic', ...(i > 0 ? { DependsOn: `Chained${i - 1}` } : {}) };
  return JSON.stringify({ Resources: resources });
}

export async function createStack(cluster: DashboardCluster, name: string, template: string): Promise<void> {
  const cfn = new CloudFormationClient(clientConfig(cluster.localaws.url));
  try {
    await createStackAndWait(cfn, name, template);
  } finally {
    cfn.destroy();
  }
}

/**
 * AWS calls per minute in a window of `polls` polls of the stack, timed by a viewer's stream: from one poll's
 * message to another's, so both figures count the same number of polls and the window's edges add no noise.
 */
export async function callsPerMinute(
  cluster: DashboardCluster,
  clock: StackRecording,
  polls: number,
): Promise<{ perMinute: number; total: number; operations: Record<string, number> }> {
  await clock.nextPolls(1);
  await cluster.resetAwsCalls();
  const started = Date.now();
  await clock.nextPolls(polls);
  const { total, operations } = await cluster.awsCalls();
  return { perMinute: total / ((Date.now() - started) / 60_000), total, operations };
}

export interface CallsRatio {
  one: number;
  many: number;
  /** Calls per minute with many viewers ÷ with one: the figure (short windows make it jitter by ±10 %). */
  ratio: number;
  /**
   * Calls with many viewers ÷ with one over the same number of the stack's polls: what the test asserts, since a
   * second poller anywhere doubles it while the poll period's jitter on a loaded machine does not move it.
   */
  perPollRatio: number;
  viewers: number;
  /** The calls counted in each window, by operation (both windows span the same number of polls). */
  operations: { one: Record<string, number>; many: Record<string, number> };
}

/** One viewer on the first instance, then `perInstance` viewers on every instance: calls per minute of each. */
export async function measureCallsRatio(
  cluster: DashboardCluster,
  stackName: string,
  cookies: string[],
  perInstance: number,
  polls: number,
): Promise<CallsRatio> {
  const clock = recordStack(cluster.instances[0]!, stackName, cookies[0]!);
  const viewers: StackRecording[] = [clock];
  try {
    await clock.first;
    await clock.nextPolls(2); // the first polls read the whole history and the alarms' names: not the steady rate
    const one = await callsPerMinute(cluster, clock, polls);
    for (const [i, instance] of cluster.instances.entries()) {
      for (let n = 0; n < perInstance; n++) viewers.push(recordStack(instance, stackName, cookies[(i + n) % cookies.length]!));
    }
    await Promise.all(viewers.map((viewer) => viewer.first));
    await clock.nextPolls(2);
    const many = await callsPerMinute(cluster, clock, polls);
    return {
      one: one.perMinute,
      many: many.perMinute,
      ratio: many.perMinute / one.perMinute,
      perPollRatio: many.total / one.total,
      viewers: viewers.length - 1,
      operations: { one: one.operations, many: many.operations },
    };
  } finally {
    for (const viewer of viewers) viewer.close();
  }
}

export interface FailoverResult {
  /** From the SIGKILL to the next AWS call by another instance. */
  takeoverMs: number;
  /** Per surviving instance's viewer: events sent twice, and events of the stack never sent. */
  survivors: Array<{ events: number; duplicated: number; missed: number }>;
  leaderAfter: number[];
}

/**
 * Viewers on every instance, a stack update of `chained` SNS topics, and a kill -9 of the instance leading the
 * stack's topic once a few of the update's events were seen.
 */
export async function measureFailover(
  cluster: DashboardCluster,
  stackName: string,
  cookie: string,
  chained: number,
): Promise<FailoverResult> {
  const viewers = cluster.instances.map((instance) => recordStack(instance, stackName, cookie));
  const cfn = new CloudFormationClient(clientConfig(cluster.localaws.url));
  try {
    await Promise.all(viewers.map((viewer) => viewer.first));
    const before = viewers[0]!.ids.length;
    await cfn.send(new UpdateStackCommand({ StackName: stackName, TemplateBody: topicsTemplate(1, chained) }));
    await waitUntil(() => viewers.every((v) => v.status() === 'UPDATE_IN_PROGRESS' && v.ids.length >= before + 4), 20_000);

    const [leaderPid] = await cluster.leaderPids();
    const leader = cluster.instances.findIndex((instance) => instance.pid === leaderPid);
    if (leader < 0) throw new Error(`no instance leads the stack (advisory locks held by ${String(leaderPid)})`);
    const killedAt = Date.now();
    await cluster.instances[leader]!.kill9();
    await cluster.resetAwsCalls();
    await waitUntil(async () => (await cluster.awsCalls()).total > 0, 15_000, 20);
    const takeoverMs = Date.now() - killedAt;

    const survivors = viewers.filter((_, i) => i !== leader);
    await waitUntil(() => survivors.every((v) => v.status() === 'UPDATE_COMPLETE'), 60_000);
    const truth = await allEventIds(cfn, stackName);
    return {
      takeoverMs,
      survivors: survivors.map((viewer) => {
        const seen = new Set(viewer.ids);
        return {
          events: viewer.ids.length,
          duplicated: viewer.ids.length - seen.size,
          missed: truth.filter((id) => !seen.has(id)).length,
        };
      }),
      leaderAfter: await cluster.leaderPids(),
    };
  } finally {
    for (const viewer of viewers) viewer.close();
    cfn.destroy();
  }
}

async function allEventIds(cfn: CloudFormationClient, stackName: string): Promise<string[]> {
  const ids: string[] = [];
  let token: string | undefined;
  do {
    const out = await cfn.send(new DescribeStackEventsCommand({ StackName: stackName, NextToken: token }));
    ids.push(...(out.StackEvents ?? []).map((event) => event.EventId!));
    token = out.NextToken;
  } while (token);
  return ids;
}

async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s`);
    await sleep(everyMs);
  }
}
