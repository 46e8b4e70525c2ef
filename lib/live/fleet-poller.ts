import type { AlarmSummary } from '@/lib/alarms/types';
import type { StackResourceSummary } from '@/lib/aws/cloudformation-resources';
import { AwsCallError } from '@/lib/aws/client-config';
import { explainAwsError } from '@/lib/aws/explain-error';
import { alarmNamesOf, cmkStateOf, isFleetMember } from '@/lib/fleet/membership';
import { summariseFleet } from '@/lib/fleet/summarise';
import type { EnvironmentDetails, FleetMembership, FleetMessage, FleetStack, LastExecution } from '@/lib/fleet/types';
import { isInProgress } from '@/lib/rollout/status';
import type { LiveSource } from './hub';
import { liveErrorFrom, logPollFailure } from './live-error';
import { createPollingLoop } from './polling-loop';

/** Every AWS read the fleet overview makes; lib/aws in production, a counting fake in tests. */
export interface FleetReads {
  describeAllStacks(): Promise<FleetStack[]>;
  listStackResources(stackName: string): Promise<StackResourceSummary[]>;
  describeAlarmsByName(names: string[]): Promise<AlarmSummary[]>;
  latestExecution(stateMachineArn: string): Promise<LastExecution | null>;
  describeLogGroup(name: string): Promise<{ kmsKeyId?: string } | null>;
}

export interface FleetIntervals {
  /** Statuses while any stack is moving. */
  activeMs: number;
  /** Statuses while everything is settled. */
  idleMs: number;
  /** Each environment's alarms, last execution and CMK binding. */
  detailsMs: number;
}

const MAX_BACKOFF_MS = 60_000;
/** Environments whose details are read at once: 50 environments must not become 150 simultaneous calls. */
const DETAILS_CONCURRENCY = 4;

/**
 * The fleet overview's one poller. Each poll is one DescribeStacks for every stack's status, Mode and outputs;
 * an environment's slow parts (its alarms, its last execution, its log group's key) are read again only every
 * `detailsMs` or when its stack changed. Its alarm names come from the stack's resources, read once per stack
 * version; their states from one DescribeAlarms per 100 names across the whole fleet.
 */
export function createFleetSource(
  reads: FleetReads,
  intervals: FleetIntervals,
  membership: FleetMembership,
): LiveSource<FleetMessage> {
  let latest: Extract<FleetMessage, { type: 'fleet' }> | undefined;
  let lastStale: Extract<FleetMessage, { type: 'fleet-stale' }> | undefined;
  let fingerprint = '';
  let failures = 0;
  let publish: (message: FleetMessage) => void = () => {};
  const details = new Map<string, EnvironmentDetails & { readAt: number; version: string }>();
  const alarmNames = new Map<string, { version: string; names: string[] }>();

  const versionOf = (stack: FleetStack) => `${stack.status}|${stack.updatedAt ?? stack.createdAt}`;

  async function readDetails(due: FleetStack[]): Promise<void> {
    const partial = new Map<string, Omit<EnvironmentDetails, 'alarmsInAlarm' | 'alarmCount'> & { names: string[] }>();
    await eachLimited(due, DETAILS_CONCURRENCY, async (stack) => {
      const errors: string[] = [];
      const attempt = async <T>(read: () => Promise<T>, fallback: T): Promise<T> => {
        try {
          return await read();
        } catch (error) {
          errors.push(explain(error));
          return fallback;
        }
      };
      const version = versionOf(stack);
      let names = alarmNames.get(stack.name)?.version === version ? alarmNames.get(stack.name)!.names : undefined;
      if (!names) {
        names = await attempt(async () => alarmNamesOf(await reads.listStackResources(stack.name)), [] as string[]);
        if (errors.length === 0) alarmNames.set(stack.name, { version, names });
      }
      const arn = stack.outputs.StateMachineArn;
      const lastExecution = arn ? await attempt(() => reads.latestExecution(arn), null) : null;
      const groupName = stack.outputs.LogGroupName;
      const group = groupName ? await attempt(() => reads.describeLogGroup(groupName), undefined) : null;
      const cmk =
        group === undefined
          ? ({ kind: 'unknown', reason: 'The log group could not be read.' } as const)
          : cmkStateOf(stack, group ? { kmsKeyId: group.kmsKeyId ?? null } : null);
      partial.set(stack.name, {
        names,
        lastExecution,
        cmk,
        checkedAt: new Date().toISOString(),
        ...(errors.length ? { error: errors.join(' ') } : {}),
      });
    });

    const wanted = [...new Set([...partial.values()].flatMap((p) => p.names))];
    let states = new Map<string, string>();
    let alarmError: string | undefined;
    if (wanted.length > 0) {
      try {
        states = new Map((await reads.describeAlarmsByName(wanted)).map((alarm) => [alarm.name, alarm.state]));
      } catch (error) {
        alarmError = explain(error);
      }
    }
    const now = Date.now();
    for (const stack of due) {
      const { names, ...rest } = partial.get(stack.name)!;
      const previous = details.get(stack.name);
      const error = [rest.error, alarmError].filter(Boolean).join(' ') || undefined;
      details.set(stack.name, {
        ...rest,
        // Alarm states that could not be read keep their last known value rather than turning green.
        alarmsInAlarm: alarmError ? (previous?.alarmsInAlarm ?? []) : names.filter((name) => states.get(name) === 'ALARM'),
        alarmCount: names.length,
        ...(error ? { error } : {}),
        readAt: now,
        version: versionOf(stack),
      });
    }
  }

  async function poll(): Promise<number> {
    let stacks: FleetStack[];
    try {
      stacks = await reads.describeAllStacks();
    } catch (error) {
      failures += 1;
      logPollFailure('the fleet', error, failures);
      lastStale = { type: 'fleet-stale', error: liveErrorFrom(error), lastSuccessAt: latest?.fleet.at ?? null };
      publish(lastStale);
      return Math.min(intervals.idleMs * 2 ** failures, MAX_BACKOFF_MS);
    }
    failures = 0;
    lastStale = undefined;

    const at = new Date().toISOString();
    const now = Date.now();
    const memberStacks = stacks.filter((stack) => isFleetMember(stack, membership));
    const members = new Set(memberStacks.map((stack) => stack.name));
    for (const name of [...details.keys()]) if (!members.has(name)) details.delete(name);
    for (const name of [...alarmNames.keys()]) if (!members.has(name)) alarmNames.delete(name);
    const due = memberStacks.filter((stack) => {
      const known = details.get(stack.name);
      return !known || now - known.readAt >= intervals.detailsMs || known.version !== versionOf(stack);
    });
    if (due.length > 0) await readDetails(due);

    const shown = new Map([...details].map(([name, entry]) => [name, shownDetails(entry)]));
    const fleet = summariseFleet(stacks, shown, membership, at);
    const next = JSON.stringify({ ...fleet, at: '' });
    if (next !== fingerprint || !latest) {
      fingerprint = next;
      latest = { type: 'fleet', fleet };
      publish(latest);
    } else {
      latest = { type: 'fleet', fleet: { ...latest.fleet, at } };
      publish({ type: 'fleet-checked', at });
    }
    const moving = stacks.some((stack) => isInProgress(stack.status));
    return Math.min(moving ? intervals.activeMs : intervals.idleMs, intervals.detailsMs);
  }

  const loop = createPollingLoop(poll);
  return {
    start(publishTo) {
      publish = publishTo;
      loop.start();
    },
    stop: loop.stop,
    catchUp: () => [...(latest ? [latest] : []), ...(lastStale ? [lastStale] : [])],
  };
}

/** The details as published: without the poller's own bookkeeping. */
function shownDetails(entry: EnvironmentDetails & { readAt: number; version: string }): EnvironmentDetails {
  const { alarmsInAlarm, alarmCount, lastExecution, cmk, checkedAt, error } = entry;
  return { alarmsInAlarm, alarmCount, lastExecution, cmk, checkedAt, ...(error ? { error } : {}) };
}

/** AWS failures as their code and a plain sentence (safe for every role); anything else as a generic line. */
function explain(error: unknown): string {
  if (error instanceof AwsCallError) {
    const { code, sentence } = explainAwsError(error);
    return `${code}: ${sentence}`;
  }
  console.error('tapdeck: reading fleet details failed', error);
  return 'InternalError: the server log has the details.';
}

async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
