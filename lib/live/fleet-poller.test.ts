import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AlarmSummary } from '@/lib/alarms/types';
import type { StackResourceSummary } from '@/lib/aws/cloudformation-resources';
import type { FleetMessage, FleetStack, LastExecution } from '@/lib/fleet/types';
import { createFleetFeed } from './fleet-page';
import type { FleetReads } from './fleet-poller';
import { Hub } from './hub';

const intervals = { activeMs: 1_000, idleMs: 5_000, detailsMs: 30_000 };
const membership = { namePattern: /^TapStack/, tag: { key: 'tapdeck:fleet', value: 'true' } };
const KEY = 'arn:aws:kms:us-east-1:111111111111:key/k1';

/** An account with TapStack environments, counting every read the way AWS would bill them. */
class FakeAccount implements FleetReads {
  stacks: FleetStack[] = [];
  alarmStates = new Map<string, AlarmSummary['state']>();
  calls = { describeStacks: 0, resources: 0, alarms: 0, executions: 0, logGroups: 0 };

  addEnvironment(name: string, over: Partial<FleetStack> = {}) {
    this.stacks.push({
      stackId: `id-${name}`,
      name,
      status: 'CREATE_COMPLETE',
      createdAt: '2025-01-01T00:00:00.000Z',
      parameters: { Mode: 'dry-run', EnableCmk: 'true' },
      outputs: { LogGroupName: `/tap/${name}`, CmkArn: KEY, StateMachineArn: `arn:sm:${name}` },
      tags: {},
      ...over,
    });
    this.alarmStates.set(`${name}-Errors`, 'OK');
    this.alarmStates.set(`${name}-Throttles`, 'OK');
  }
  async describeAllStacks() {
    this.calls.describeStacks += 1;
    return this.stacks.map((stack) => ({ ...stack }));
  }
  async listStackResources(name: string): Promise<StackResourceSummary[]> {
    this.calls.resources += 1;
    const alarm = (suffix: string) => ({
      logicalId: suffix,
      physicalId: `${name}-${suffix}`,
      type: 'AWS::CloudWatch::Alarm',
      status: 'CREATE_COMPLETE',
      updatedAt: 't',
    });
    return [alarm('Errors'), alarm('Throttles')];
  }
  async describeAlarmsByName(names: string[]): Promise<AlarmSummary[]> {
    this.calls.alarms += Math.ceil(names.length / 100);
    return names.map((name) => ({
      name,
      arn: name,
      state: this.alarmStates.get(name) ?? 'OK',
      stateReason: '',
      stateUpdatedAt: 't',
      dimensions: [],
      actionsEnabled: true,
    }));
  }
  async latestExecution(): Promise<LastExecution | null> {
    this.calls.executions += 1;
    return { name: 'run-1', status: 'SUCCEEDED', startedAt: 't' };
  }
  async describeLogGroup() {
    this.calls.logGroups += 1;
    return { kmsKeyId: KEY };
  }
}

function setUp(graceMs = 1_000) {
  const aws = new FakeAccount();
  const feed = createFleetFeed(
    aws,
    () => ({ intervals, membership }),
    new Hub<FleetMessage>(),
    () => '',
    { graceMs },
  );
  return { aws, feed };
}

const lastFleet = (messages: FleetMessage[]) => messages.filter((m) => m.type === 'fleet').at(-1)?.fleet;

describe('the fleet poller', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('costs the same AWS reads for 200 subscribers as for 1', async () => {
    const measure = async (subscribers: number) => {
      const { aws, feed } = setUp();
      for (let i = 0; i < 5; i++) aws.addEnvironment(`TapStack-env${i}`);
      const leave = Array.from({ length: subscribers }, () => feed.subscribeToFleet(() => {}));
      await vi.advanceTimersByTimeAsync(2 * 60_000);
      for (const each of leave) each();
      return aws.calls;
    };
    const one = await measure(1);
    const many = await measure(200);
    expect(many).toEqual(one);
    // Statuses every 5 s for two minutes; details of five environments every 30 s, alarms in one call a round.
    expect(one.describeStacks).toBe((2 * 60) / 5 + 1);
    expect(one.executions).toBe(5 * ((2 * 60) / 30 + 1));
    expect(one.alarms).toBe((2 * 60) / 30 + 1);
    expect(one.resources).toBe(5); // read once per stack version
  });

  it('gives late subscribers the snapshot at once, and stops reading after the last one leaves', async () => {
    const { aws, feed } = setUp();
    aws.addEnvironment('TapStack-dev');
    const first: FleetMessage[] = [];
    const leaveFirst = feed.subscribeToFleet((m) => first.push(m));
    await vi.advanceTimersByTimeAsync(0);
    const late: FleetMessage[] = [];
    const leaveLate = feed.subscribeToFleet((m) => late.push(m));
    expect(late.map((m) => m.type)).toEqual(['fleet']);
    leaveFirst();
    leaveLate();
    const calls = { ...aws.calls };
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(aws.calls).toEqual(calls);
  });

  it('publishes status changes at the status rate and alarm changes at the details rate', async () => {
    const { aws, feed } = setUp();
    aws.addEnvironment('TapStack-dev');
    const messages: FleetMessage[] = [];
    feed.subscribeToFleet((m) => messages.push(m));
    await vi.advanceTimersByTimeAsync(0);
    expect(lastFleet(messages)?.environments[0]).toMatchObject({
      mode: 'dry-run',
      details: { alarmsInAlarm: [], alarmCount: 2, cmk: { kind: 'bound' }, lastExecution: { status: 'SUCCEEDED' } },
    });

    aws.alarmStates.set('TapStack-dev-Errors', 'ALARM');
    aws.stacks[0]!.status = 'UPDATE_IN_PROGRESS';
    aws.stacks[0]!.updatedAt = '2025-01-02T00:00:00.000Z';
    await vi.advanceTimersByTimeAsync(intervals.idleMs);
    // The stack changed, so its details were read again with it.
    expect(lastFleet(messages)?.environments[0]).toMatchObject({
      status: 'UPDATE_IN_PROGRESS',
      details: { alarmsInAlarm: ['TapStack-dev-Errors'] },
    });

    aws.stacks[0]!.status = 'UPDATE_COMPLETE';
    aws.alarmStates.set('TapStack-dev-Errors', 'OK');
    const before = aws.calls.describeStacks;
    await vi.advanceTimersByTimeAsync(intervals.activeMs); // moving: the next look is an active interval away
    expect(aws.calls.describeStacks).toBe(before + 1);
    expect(lastFleet(messages)?.environments[0]?.status).toBe('UPDATE_COMPLETE');
  });

  it('reports a failed status read as staleness, and one environment’s failed details on that environment only', async () => {
    const { aws, feed } = setUp();
    aws.addEnvironment('TapStack-a');
    aws.addEnvironment('TapStack-b');
    aws.describeLogGroup = async () => {
      throw new Error('boom');
    };
    const messages: FleetMessage[] = [];
    feed.subscribeToFleet((m) => messages.push(m));
    await vi.advanceTimersByTimeAsync(0);
    expect(lastFleet(messages)?.environments.map((e) => e.details?.cmk.kind)).toEqual(['unknown', 'unknown']);
    expect(lastFleet(messages)?.environments[0]?.details?.error).toMatch(/InternalError/);

    aws.describeAllStacks = async () => {
      throw new Error('down');
    };
    await vi.advanceTimersByTimeAsync(intervals.idleMs);
    expect(messages.at(-1)).toMatchObject({ type: 'fleet-stale', lastSuccessAt: expect.any(String) });
  });

  it('lets a page render and the stream that follows share one poller', async () => {
    const { aws, feed } = setUp(10_000);
    aws.addEnvironment('TapStack-dev');
    aws.addEnvironment('Other', { tags: { 'tapdeck:fleet': 'true' } });
    aws.addEnvironment('CDKToolkit');
    const read = await feed.readFleet();
    expect(read.ok && read.fleet.environments.map((e) => e.name)).toEqual(['Other', 'TapStack-dev']);
    expect(read.ok && read.fleet.others.map((e) => e.name)).toEqual(['CDKToolkit']);
    const afterRender = aws.calls.describeStacks;
    const leave = feed.subscribeToFleet(() => {});
    expect(aws.calls.describeStacks).toBe(afterRender);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(aws.calls.describeStacks).toBe(afterRender + 20_000 / intervals.idleMs);
    leave();
  });
});
