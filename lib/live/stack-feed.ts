import { listAlarmsByPrefix } from '@/lib/aws/cloudwatch';
import { describeStack, listStackEventsSince } from '@/lib/aws/cloudformation';
import { listRecentExecutions } from '@/lib/aws/sfn';
import { config } from '@/lib/config';
import type { ExecutionSummary } from '@/lib/executions/types';
import type { StackEvent, StackSummary } from '@/lib/rollout/types';
import { Hub } from './hub';
import { createSnapshotPoller } from './snapshot-poller';
import type { AlarmsMessage, ExecutionsMessage, LiveMessage } from './stack-messages';
import { createStackPoller } from './stack-poller';

/**
 * The process-wide hub for live data. Kept on globalThis because Next may load this module once per route
 * bundle; one hub per process is what makes pollers shared between tabs.
 */
const globalKey = Symbol.for('tapdeck.liveHub');
const holder = globalThis as { [globalKey]?: Hub<LiveMessage> };
const hub: Hub<LiveMessage> = (holder[globalKey] ??= new Hub<LiveMessage>());

const scope = () => `${config.endpoint ?? 'aws'}|${config.region}`;
const stackTopic = (name: string) => `${scope()}|stack|${name}`;
const alarmsTopic = (name: string) => `${scope()}|alarms|${name}`;
const executionsTopic = (name: string) => `${scope()}|executions|${name}`;

// The TapStack names its alarms `<stack name>-<what>`, so the prefix finds them without another lookup.
const alarmsPoller = (name: string) =>
  createSnapshotPoller<Awaited<ReturnType<typeof listAlarmsByPrefix>>, AlarmsMessage>({
    read: () => listAlarmsByPrefix(`${name}-`),
    intervalMs: config.poll.alarmsMs,
    changed: (alarms, at) => ({ type: 'alarms', alarms, at }),
    stale: (error) => ({ type: 'alarms-stale', error }),
  });

/** The stack as its live poller last saw it; no AWS call. */
function cachedStack(name: string): StackSummary | null {
  const snapshot = hub.peek(stackTopic(name))?.catchUp()[0];
  return snapshot?.type === 'snapshot' ? snapshot.stack : null;
}

/**
 * Recent executions of the stack's workflow, found through its `StateMachineArn` output. The output comes from
 * the stack poller's cache (both are subscribed together), so following executions adds no DescribeStacks calls.
 */
function executionsPoller(name: string) {
  let described = new Map<string, ExecutionSummary>();
  return createSnapshotPoller<{ stateMachineArn: string | null; executions: ExecutionSummary[] }, ExecutionsMessage>({
    read: async () => {
      const stateMachineArn = cachedStack(name)?.outputs.StateMachineArn ?? null;
      if (!stateMachineArn) return { stateMachineArn, executions: [] };
      const executions = await listRecentExecutions(stateMachineArn, described);
      // Keep only what is still listed, so a long-watched workflow does not accumulate every execution ever seen.
      described = new Map(executions.map((execution) => [execution.arn, execution]));
      return { stateMachineArn, executions };
    },
    intervalMs: config.poll.alarmsMs,
    changed: (value, at) => ({ type: 'executions', ...value, at }),
    stale: (error) => ({ type: 'executions-stale', error }),
  });
}

/** Everything the stack page follows live: the stack with its events, its alarms and its workflow's executions. */
export function subscribeToStackPage(name: string, listener: (message: LiveMessage) => void): () => void {
  const leaveStack = hub.subscribe(stackTopic(name), () => createStackPoller(name, { describeStack, listStackEventsSince }, config.poll), listener);
  const leaveAlarms = hub.subscribe(alarmsTopic(name), () => alarmsPoller(name), listener);
  const leaveExecutions = hub.subscribe(executionsTopic(name), () => executionsPoller(name), listener);
  return () => {
    leaveStack();
    leaveAlarms();
    leaveExecutions();
  };
}

/**
 * The stack and its recent events for a page render: from the live poller's cache when someone is already
 * watching, otherwise straight from CloudFormation.
 */
export async function readStack(name: string): Promise<{ stack: StackSummary | null; events: StackEvent[] }> {
  const cached = hub.peek(stackTopic(name))?.catchUp()[0];
  if (cached?.type === 'snapshot') return { stack: cached.stack, events: cached.events };
  // Nobody is watching: read it directly (the page's stream starts the shared poller right after).
  const stack = await describeStack(name);
  const events = stack ? await listStackEventsSince(name, undefined, 200) : [];
  return { stack, events };
}
