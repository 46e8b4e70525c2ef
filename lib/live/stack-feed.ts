import { describeStack, listStackEventsSince } from '@/lib/aws/cloudformation';
import { config } from '@/lib/config';
import type { StackEvent, StackSummary } from '@/lib/rollout/types';
import { Hub } from './hub';
import type { StackMessage } from './stack-messages';
import { createStackPoller } from './stack-poller';

/**
 * The process-wide hub for stack streams. Kept on globalThis because Next may load this module once per route
 * bundle; one hub per process is what makes pollers shared between tabs.
 */
const globalKey = Symbol.for('tapdeck.stackHub');
const holder = globalThis as { [globalKey]?: Hub<StackMessage> };
const hub: Hub<StackMessage> = (holder[globalKey] ??= new Hub<StackMessage>());

function topicOf(name: string): string {
  return `${config.endpoint ?? 'aws'}|${config.region}|stack|${name}`;
}

export function subscribeToStack(name: string, listener: (message: StackMessage) => void): () => void {
  return hub.subscribe(
    topicOf(name),
    () => createStackPoller(name, { describeStack, listStackEventsSince }, config.poll),
    listener,
  );
}

/**
 * The stack and its recent events for a page render: from the live poller's cache when someone is already
 * watching, otherwise straight from CloudFormation.
 */
export async function readStack(name: string): Promise<{ stack: StackSummary | null; events: StackEvent[] }> {
  const cached = hub.peek(topicOf(name))?.catchUp()[0];
  if (cached?.type === 'snapshot') return { stack: cached.stack, events: cached.events };
  const stack = await describeStack(name);
  const events = stack ? await listStackEventsSince(name, undefined, 200) : [];
  return { stack, events };
}
