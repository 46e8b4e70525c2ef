import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AlarmSummary } from '@/lib/alarms/types';
import type { ExecutionSummary } from '@/lib/executions/types';
import type { StackEvent, StackSummary } from '@/lib/rollout/types';
import { Hub } from './hub';
import type { LiveMessage } from './stack-messages';
import { createStackPageFeed, type StackPageReads } from './stack-page';

const intervals = { activeMs: 1_000, idleMs: 30_000, alarmsMs: 5_000 };

/** An account with the stacks the test creates, counting every read the way AWS would bill them. */
class FakeAccount implements StackPageReads {
  stacks = new Map<string, StackSummary>();
  calls = { describe: 0, events: 0, alarms: 0, executions: 0 };

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
  async listAlarmsByPrefix(): Promise<AlarmSummary[]> {
    this.calls.alarms += 1;
    return [];
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
    expect(aws.calls).toMatchObject({ events: 0, alarms: 0, executions: 0 });

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
    expect(aws.calls).toMatchObject({ alarms: 0, executions: 0 });

    aws.create('Later', 'CREATE_IN_PROGRESS', { StateMachineArn: 'arn:sm' });
    await vi.advanceTimersByTimeAsync(8_000); // the next re-check is at most 8 s away here
    expect(messages.map((m) => m.type)).toEqual(expect.arrayContaining(['delta', 'alarms', 'executions']));
    expect(aws.calls.alarms).toBeGreaterThan(0);
    expect(aws.calls.executions).toBeGreaterThan(0);

    aws.stacks.delete('Later');
    await vi.advanceTimersByTimeAsync(intervals.activeMs);
    expect(messages.at(-1)).toMatchObject({ type: 'delta', stack: null });
    const { alarms, executions } = aws.calls;
    await vi.advanceTimersByTimeAsync(5 * intervals.alarmsMs);
    expect(aws.calls).toMatchObject({ alarms, executions });
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
});
