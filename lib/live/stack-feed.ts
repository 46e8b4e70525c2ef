import { listAlarmsByPrefix } from '@/lib/aws/cloudwatch';
import { describeStack, listStackEventsSince } from '@/lib/aws/cloudformation';
import { config } from '@/lib/config';
import type { StackEvent, StackSummary } from '@/lib/rollout/types';
import { createAlarmsPoller } from './alarms-poller';
import { Hub } from './hub';
import type { LiveMessage } from './stack-messages';
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

/** Everything the stack page follows live: the stack with its events, and the alarms it owns. */
export function subscribeToStackPage(name: string, listener: (message: LiveMessage) => void): () => void {
  const leaveStack = hub.subscribe(stackTopic(name), () => createStackPoller(name, { describeStack, listStackEventsSince }, config.poll), listener);
  // The TapStack names its alarms `<stack name>-<what>`, so the prefix finds them without another lookup.
  const leaveAlarms = hub.subscribe(alarmsTopic(name), () => createAlarmsPoller(() => listAlarmsByPrefix(`${name}-`), config.poll.alarmsMs), listener);
  return () => {
    leaveStack();
    leaveAlarms();
  };
}

/**
 * The stack and its recent events for a page render: from the live poller's cache when someone is already
 * watching, otherwise straight from CloudFormation.
 */
export async function readStack(name: string): Promise<{ stack: StackSummary | null; events: StackEvent[] }> {
  const cached = hub.peek(stackTopic(name))?.catchUp()[0];
  if (cached?.type === 'snapshot') return { stack: cached.stack, events: cached.events };
  const stack = await describeStack(name);
  const events = stack ? await listStackEventsSince(name, undefined, 200) : [];
  return { stack, events };
}
