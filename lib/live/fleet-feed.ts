import { describeAlarmsByName } from '@/lib/aws/cloudwatch';
import { describeAllStacks } from '@/lib/aws/cloudformation';
import { listStackResources } from '@/lib/aws/cloudformation-resources';
import { describeLogGroup } from '@/lib/aws/logs';
import { latestExecution } from '@/lib/aws/sfn';
import { config } from '@/lib/config';
import type { FleetMessage } from '@/lib/fleet/types';
import { createFleetFeed } from './fleet-page';
import { shareAcrossInstances } from './cluster';
import { createFleetRelay } from './cluster/relays';
import { Hub } from './hub';

/** The fleet's own hub, on globalThis for the same reason as the stack hub (stack-feed.ts). */
const globalKey = Symbol.for('tapdeck.fleetHub');
const holder = globalThis as { [globalKey]?: Hub<FleetMessage> };
const hub: Hub<FleetMessage> = (holder[globalKey] ??= new Hub<FleetMessage>(shareAcrossInstances(createFleetRelay)));

const feed = createFleetFeed(
  { describeAllStacks, listStackResources, describeAlarmsByName, latestExecution, describeLogGroup },
  () => ({ intervals: config.fleet.intervals, membership: config.fleet.membership }),
  hub,
  () => `${config.endpoint ?? 'aws'}|${config.region}`,
);

/** The fleet overview's live data: statuses, Mode, CMK binding, alarms in ALARM and last execution per environment. */
export const subscribeToFleet = feed.subscribeToFleet;

/** The fleet for the home page's first render, from the same shared poller. */
export const readFleet = feed.readFleet;
