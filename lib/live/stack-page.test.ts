import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AlarmNote } from '@/lib/alarms/notes';
import type { AlarmSummary } from '@/lib/alarms/types';
import type { StackResourceSummary } from '@/lib/aws/cloudformation-resources';
import type { ExecutionSummary } from '@/lib/executions/types';
import type { StackEvent, StackSummary } from '@/lib/rollout/types';
import { Hub } from './hub';
import type { LiveMessage } from './stack-messages';
import { ALARM_NAMES_REFRESH_MS, createStackPageFeed, type StackPageReads } from './stack-page';

const intervals = { activeMs: 1_000, idleMs: 30_000, alarmsMs: 5_000 };

/** An account with the stacks the test creates, counting every read the way AWS would bill them. */
class FakeAccount implements StackPageReads {
  stacks = new Map<string, StackSummary>();
  /** every alarm in the account, by name, as DescribeAlarms knows them */
  alarms = new Map<string, AlarmSummary>();
  resources = new Map<string, StackResourceSummary[]>();
  notes: AlarmNote[] = [];
  calls = { describe: 0, events: 0, alarms: 0, resources: 0, alarmsForMetric: 0, executions: 0 };

  create(name: string, status = 'CREATE_COMPLETE', outputs: Record<string, string> = {}) {
    this.stacks.set(name, { stackId: `id-${name}`, name, status, createdAt: 't0', outputs, parameters: {} });
  }
  async describeStack(name: string) {
    this.calls.describe += 1;
    return this.stacks.get(name) ?? null;
  }
  async listStackEventsSince(): Promise<StackEvent[]> {
    this.calls.events += 1;
    return [];
  }
  addAlarm(name: string, extra: Partial<AlarmSummary> = {}) {
    this.alarms.set(name, {
      name,
      arn: `arn:alarm:${name}`,
      state: 'OK',
      stateReason: '',
      stateUpdatedAt: 't0',
      dimensions: [],
      actionsEnabled: true,
      ...extra,
    });
  }
  async listStackResources(name: string): Promise<StackResourceSummary[]> {
    this.calls.resources += 1;
    return this.resources.get(name) ?? [];
  }
  async listAlarmsForStateMachine(arn: string): Promise<AlarmSummary[]> {
    this.calls.alarmsForMetric += 1;
    return [...this.alarms.values()].filter((a) => a.namespace === 'AWS/States' && a.dimensions.some((d) => d.value === arn));
  }
  async describeAlarmsByName(names: string[]): Promise<AlarmSummary[]> {
    this.calls.alarms += 1;
    return names.flatMap((name) => this.alarms.get(name) ?? []);
  }
  async listAlarmNotes(stackName: string): Promise<AlarmNote[]> {
    return this.notes.filter((n) => n.stackName === stackName);
  }
  async listRecentExecutions(): Promise<ExecutionSummary[]> {
    this.calls.executions += 1;
    return [];
  }
}

function setUp() {
  const aws = new FakeAccount();
  const feed = createStackPageFeed(aws, () => intervals, new Hub<LiveMessage>());
  return { aws, feed };
}

describe('createStackPageFeed', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('costs at most one DescribeStacks per made-up name per idle interval, after the first few, and no other reads', async () => {
    const { aws, feed } = setUp();
    const names = Array.from({ length: 200 }, (_, i) => `MadeUp-${i}`);
    const leave = names.map((name) => feed.subscribeToStackPage(name, () => {}));

    await vi.advanceTimersByTimeAsync(2 * intervals.idleMs); // the first few: 1, 2, 4, 8, 16 s apart
    const before = aws.calls.describe;
    await vi.advanceTimersByTimeAsync(intervals.idleMs);
    expect(aws.calls.describe - before).toBeLessThanOrEqual(names.length);
    const beforeLonger = aws.calls.describe;
    await vi.advanceTimersByTimeAsync(10 * intervals.idleMs);
    expect(aws.calls.describe - beforeLonger).toBeLessThanOrEqual(10 * names.length);
    expect(aws.calls).toMatchObject({ events: 0, alarms: 0, resources: 0, executions: 0 });

    for (const each of leave) each();
    const afterLeaving = aws.calls.describe;
    await vi.advanceTimersByTimeAsync(3 * intervals.idleMs);
    expect(aws.calls.describe).toBe(afterLeaving);
  });

  it('starts following alarms and executions once the stack exists, and stops when it is gone', async () => {
    const { aws, feed } = setUp();
    const messages: LiveMessage[] = [];
    feed.subscribeToStackPage('Later', (m) => messages.push(m));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(aws.calls).toMatchObject({ alarms: 0, resources: 0, executions: 0 });

    aws.create('Later', 'CREATE_IN_PROGRESS', { StateMachineArn: 'arn:sm' });
    await vi.advanceTimersByTimeAsync(8_000); // the next re-check is at most 8 s away here
    expect(messages.map((m) => m.type)).toEqual(expect.arrayContaining(['delta', 'alarms', 'executions']));
    expect(aws.calls.resources).toBeGreaterThan(0); // no alarm resources yet: no DescribeAlarms either
    expect(aws.calls.executions).toBeGreaterThan(0);

    aws.stacks.delete('Later');
    await vi.advanceTimersByTimeAsync(intervals.activeMs);
    expect(messages.at(-1)).toMatchObject({ type: 'delta', stack: null });
    const { alarms, resources, executions } = aws.calls;
    await vi.advanceTimersByTimeAsync(5 * intervals.alarmsMs);
    expect(aws.calls).toMatchObject({ alarms, resources, executions });
  });

  it('reads the executions as soon as the StateMachineArn output appears, not an alarms interval later', async () => {
    const { aws, feed } = setUp();
    aws.create('Creating', 'CREATE_IN_PROGRESS');
    const messages: LiveMessage[] = [];
    feed.subscribeToStackPage('Creating', (m) => messages.push(m));
    await vi.advanceTimersByTimeAsync(0);
    expect(messages.find((m) => m.type === 'executions')).toMatchObject({ stateMachineArn: null });

    aws.create('Creating', 'CREATE_COMPLETE', { StateMachineArn: 'arn:sm' });
    await vi.advanceTimersByTimeAsync(intervals.activeMs); // the stack poller's next look, well before alarmsMs
    expect(messages.filter((m) => m.type === 'executions').at(-1)).toMatchObject({ stateMachineArn: 'arn:sm' });
  });

  it('shares one set of pollers between two subscribers, and catches the second up with alarms too', async () => {
    const { aws, feed } = setUp();
    aws.create('Shared');
    const first: LiveMessage[] = [];
    const second: LiveMessage[] = [];
    feed.subscribeToStackPage('Shared', (m) => first.push(m));
    await vi.advanceTimersByTimeAsync(0);
    const oneTab = { ...aws.calls };
    feed.subscribeToStackPage('Shared', (m) => second.push(m));
    expect(second.map((m) => m.type)).toEqual(['snapshot', 'alarms', 'executions']);
    expect(aws.calls).toEqual(oneTab);

    await vi.advanceTimersByTimeAsync(intervals.idleMs);
    expect(aws.calls.describe).toBe(2);
  });

  it('renders a page from the live cache while someone watches, from AWS otherwise', async () => {
    const { aws, feed } = setUp();
    aws.create('Cached');
    expect(await feed.readStack('Cached')).toMatchObject({ stack: { name: 'Cached' } });
    expect(aws.calls.describe).toBe(1);
    feed.subscribeToStackPage('Cached', () => {});
    await vi.advanceTimersByTimeAsync(0);
    expect(await feed.readStack('Cached')).toMatchObject({ stack: { name: 'Cached' } });
    expect(aws.calls.describe).toBe(2);
  });

  describe('alarms', () => {
    const alarmResource = (physicalId: string): StackResourceSummary => ({
      logicalId: physicalId.replace(/\W/g, ''),
      physicalId,
      type: 'AWS::CloudWatch::Alarm',
      status: 'CREATE_COMPLETE',
      updatedAt: 't0',
    });
    const alarmNames = (messages: LiveMessage[]) => {
      const last = messages.filter((m) => m.type === 'alarms').at(-1);
      return last?.type === 'alarms' ? last.alarms.map((a) => a.name).sort() : null;
    };

    it("shows the stack's own alarms and its workflow's, never an unrelated alarm that shares the name prefix", async () => {
      const { aws, feed } = setUp();
      aws.create('Payments', 'CREATE_COMPLETE', { StateMachineArn: 'arn:sm:payments' });
      aws.resources.set('Payments', [
        alarmResource('Payments-errors'),
        { logicalId: 'Queue', physicalId: 'Payments-queue', type: 'AWS::SQS::Queue', status: 'CREATE_COMPLETE', updatedAt: 't0' },
      ]);
      aws.addAlarm('Payments-errors');
      aws.addAlarm('Payments-prod-db-errors'); // another team's alarm: same prefix, not this stack's
      aws.addAlarm('someone-elses-sfn-alarm', {
        namespace: 'AWS/States',
        metricName: 'ExecutionsFailed',
        dimensions: [{ name: 'StateMachineArn', value: 'arn:sm:payments' }],
      });
      aws.addAlarm('other-workflow', {
        namespace: 'AWS/States',
        metricName: 'ExecutionsFailed',
        dimensions: [{ name: 'StateMachineArn', value: 'arn:sm:other' }],
      });
      const messages: LiveMessage[] = [];
      feed.subscribeToStackPage('Payments', (m) => messages.push(m));
      await vi.advanceTimersByTimeAsync(0);
      expect(alarmNames(messages)).toEqual(['Payments-errors', 'someone-elses-sfn-alarm']);
      await expect(feed.readAlarms('Payments')).resolves.toMatchObject({
        alarms: [{ name: 'Payments-errors' }, { name: 'someone-elses-sfn-alarm' }],
      });
    });

    it("reads on-call's notes fresh while the alarms come from the shared poll, so a mute shows at once", async () => {
      const { aws, feed } = setUp();
      aws.create('Muted', 'CREATE_COMPLETE', { StateMachineArn: 'arn:sm:muted' });
      aws.resources.set('Muted', [alarmResource('Muted-errors')]);
      aws.addAlarm('Muted-errors');
      feed.subscribeToStackPage('Muted', () => {});
      await vi.advanceTimersByTimeAsync(0);
      const describes = aws.calls.alarms;
      aws.notes.push({ id: 1, at: 't1', kind: 'muted', stackName: 'Muted', alarmName: 'Muted-errors', by: 'u', byName: 'U' });
      const read = await feed.readAlarms('Muted');
      expect(read?.notes.map((n) => n.kind)).toEqual(['muted']);
      expect(aws.calls.alarms).toBe(describes); // the alarms themselves still from the shared poll
    });

    it('reads the resources once per status change or refresh interval, however many tabs watch', async () => {
      const { aws, feed } = setUp();
      aws.create('Busy', 'CREATE_COMPLETE', { StateMachineArn: 'arn:sm:busy' });
      aws.resources.set('Busy', [alarmResource('Busy-errors')]);
      aws.addAlarm('Busy-errors');
      const messages: LiveMessage[] = [];
      for (let tab = 0; tab < 20; tab++) feed.subscribeToStackPage('Busy', (m) => messages.push(m));
      await vi.advanceTimersByTimeAsync(10 * intervals.alarmsMs);
      expect(aws.calls.resources).toBe(1);
      expect(aws.calls.alarmsForMetric).toBe(1);
      expect(aws.calls.alarms).toBeGreaterThanOrEqual(10);
      expect(aws.calls.alarms).toBeLessThanOrEqual(11);

      // An update adds an alarm: the status change makes the next poll read the resources again.
      aws.resources.set('Busy', [alarmResource('Busy-errors'), alarmResource('Busy-throttles')]);
      aws.addAlarm('Busy-throttles');
      aws.create('Busy', 'UPDATE_COMPLETE', { StateMachineArn: 'arn:sm:busy' });
      await vi.advanceTimersByTimeAsync(intervals.idleMs + intervals.alarmsMs);
      expect(aws.calls.resources).toBe(2);
      expect(alarmNames(messages)).toEqual(['Busy-errors', 'Busy-throttles']);

      // And without a change, again after the refresh interval only.
      const before = aws.calls.resources;
      await vi.advanceTimersByTimeAsync(ALARM_NAMES_REFRESH_MS);
      expect(aws.calls.resources - before).toBe(1);
    });

    it('sends on-call notes with the alarms', async () => {
      const { aws, feed } = setUp();
      aws.create('Noted');
      aws.resources.set('Noted', [alarmResource('Noted-errors')]);
      aws.addAlarm('Noted-errors');
      const note: AlarmNote = {
        id: 1,
        at: 't1',
        kind: 'acknowledged',
        stackName: 'Noted',
        alarmName: 'Noted-errors',
        by: 'u',
        byName: 'U',
      };
      aws.notes.push(note);
      const messages: LiveMessage[] = [];
      feed.subscribeToStackPage('Noted', (m) => messages.push(m));
      await vi.advanceTimersByTimeAsync(0);
      expect(messages.find((m) => m.type === 'alarms')).toMatchObject({ notes: [note] });
    });
  });
});
