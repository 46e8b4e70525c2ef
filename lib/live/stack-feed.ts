import { describeAlarmsByName, listAlarmsForStateMachine } from '@/lib/aws/cloudwatch';
import { listStackResources } from '@/lib/aws/cloudformation-resources';
import { describeStack, listStackEventsSince } from '@/lib/aws/cloudformation';
import { listRecentExecutions } from '@/lib/aws/sfn';
import { config } from '@/lib/config';
import { getStore } from '@/lib/store';
import { shareAcrossInstances } from './cluster';
import { createStackPageRelay } from './cluster/relays';
import { Hub } from './hub';
import type { LiveMessage } from './stack-messages';
import { createStackPageFeed } from './stack-page';

/**
 * The process-wide hub for live data. Kept on globalThis because Next may load this module once per route
 * bundle; one hub per process is what makes pollers shared between tabs.
 */
const globalKey = Symbol.for('tapdeck.liveHub');
const holder = globalThis as { [globalKey]?: Hub<LiveMessage> };
const hub: Hub<LiveMessage> = (holder[globalKey] ??= new Hub<LiveMessage>(shareAcrossInstances(createStackPageRelay)));

const feed = createStackPageFeed(
  {
    describeStack,
    listStackEventsSince,
    listStackResources,
    listAlarmsForStateMachine,
    describeAlarmsByName,
    listAlarmNotes: (stackName) => getStore().listAlarmNotes(stackName, { limit: 200 }),
    listRecentExecutions,
  },
  () => config.poll,
  hub,
  () => `${config.endpoint ?? 'aws'}|${config.region}`,
);

/** Everything the stack page follows live: the stack with its events, its alarms and its workflow's executions. */
export const subscribeToStackPage = feed.subscribeToStackPage;

/** The stack and its recent events for a page render, from the live cache when someone is watching. */
export const readStack = feed.readStack;

/** The stack's alarms and on-call's notes, from the live cache when someone watches (null: no such stack). */
export const readAlarms = feed.readAlarms;
