import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AwsCallError } from '@/lib/aws/client-config';
import type { StackEvent, StackSummary } from '@/lib/rollout/types';
import type { StackMessage } from './stack-messages';
import { createStackPoller, type StackReads } from './stack-poller';

const intervals = { activeMs: 1_000, idleMs: 30_000 };

/** An in-memory stack whose history the test writes, read the way CloudFormation pages it (newest first). */
class FakeStack implements StackReads {
  stack: StackSummary | null = {
    stackId: 'id-1',
    name: 'S',
    status: 'CREATE_IN_PROGRESS',
    createdAt: 't0',
    outputs: {},
    parameters: {},
  };
  history: StackEvent[] = [];
  calls: string[] = [];
  failNext = false;

  add(id: string, status: string) {
    this.history.unshift({ eventId: id, stackName: 'S', logicalId: id, resourceType: 'T', status, timestamp: 't' });
  }
  async describeStack() {
    this.calls.push('describe');
    if (this.failNext) {
      this.failNext = false;
      throw new AwsCallError('DescribeStacks', 'Throttling', 'Rate exceeded');
    }
    return this.stack;
  }
  async listStackEventsSince(_name: string, sinceId: string | undefined) {
    this.calls.push(`events:${sinceId ?? '-'}`);
    const stop = this.history.findIndex((e) => e.eventId === sinceId);
    return stop === -1 ? [...this.history] : this.history.slice(0, stop);
  }
}

describe('createStackPoller', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('publishes a snapshot, then only new events, asking only for events after the last one seen', async () => {
    const fake = new FakeStack();
    fake.add('e1', 'CREATE_IN_PROGRESS');
    const messages: StackMessage[] = [];
    const poller = createStackPoller('S', fake, intervals);
    poller.start((m) => messages.push(m));
    await vi.advanceTimersByTimeAsync(0);
    expect(messages[0]).toMatchObject({ type: 'snapshot', events: [{ eventId: 'e1' }] });

    fake.add('e2', 'CREATE_COMPLETE');
    fake.stack = { ...fake.stack!, status: 'CREATE_COMPLETE' };
    await vi.advanceTimersByTimeAsync(intervals.activeMs);
    expect(messages[1]).toMatchObject({ type: 'delta', events: [{ eventId: 'e2' }], stack: { status: 'CREATE_COMPLETE' } });
    expect(fake.calls).toContain('events:e1');
    poller.stop();
  });

  it('resumes from a snapshot subscribers already have: the first poll sends only the events after it', async () => {
    const fake = new FakeStack();
    fake.add('e1', 'CREATE_IN_PROGRESS');
    fake.add('e2', 'CREATE_IN_PROGRESS');
    const resumeFrom = { type: 'snapshot' as const, stack: fake.stack, events: [...fake.history], at: 't1' };
    fake.add('e3', 'CREATE_COMPLETE');
    const messages: StackMessage[] = [];
    const poller = createStackPoller('S', fake, intervals, resumeFrom);
    expect(poller.catchUp()).toEqual([resumeFrom]);
    poller.start((m) => messages.push(m));
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.calls).toEqual(['describe', 'events:e2']);
    expect(messages).toEqual([expect.objectContaining({ type: 'delta', events: [expect.objectContaining({ eventId: 'e3' })] })]);
    poller.stop();
  });

  it('hands every late subscriber the same catch-up message until the next poll, so its encoding is shared', async () => {
    const fake = new FakeStack();
    fake.add('e1', 'CREATE_IN_PROGRESS');
    const messages: StackMessage[] = [];
    const poller = createStackPoller('S', fake, intervals);
    poller.start((m) => messages.push(m));
    await vi.advanceTimersByTimeAsync(0);
    expect(poller.catchUp()[0]).toBe(messages[0]);
    expect(poller.catchUp()[0]).toBe(poller.catchUp()[0]);

    fake.add('e2', 'CREATE_COMPLETE');
    await vi.advanceTimersByTimeAsync(intervals.activeMs);
    const after = poller.catchUp()[0];
    expect(after).not.toBe(messages[0]);
    expect(after).toMatchObject({ type: 'snapshot', events: [{ eventId: 'e2' }, { eventId: 'e1' }] });
    expect(poller.catchUp()[0]).toBe(after);
    poller.stop();
  });

  it('polls at the active rate while in progress and the idle rate once settled', async () => {
    const fake = new FakeStack();
    const poller = createStackPoller('S', fake, intervals);
    poller.start(() => {});
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(intervals.activeMs);
    const describesWhileActive = fake.calls.filter((c) => c === 'describe').length;
    expect(describesWhileActive).toBe(2);

    fake.stack = { ...fake.stack!, status: 'CREATE_COMPLETE' };
    await vi.advanceTimersByTimeAsync(intervals.activeMs); // sees COMPLETE, schedules the idle poll
    await vi.advanceTimersByTimeAsync(intervals.activeMs * 5);
    expect(fake.calls.filter((c) => c === 'describe').length).toBe(3);
    await vi.advanceTimersByTimeAsync(intervals.idleMs);
    expect(fake.calls.filter((c) => c === 'describe').length).toBe(4);
    poller.stop();
  });

  it('publishes staleness on an error, backs off, and recovers', async () => {
    const fake = new FakeStack();
    const messages: StackMessage[] = [];
    const poller = createStackPoller('S', fake, intervals);
    fake.failNext = true;
    poller.start((m) => messages.push(m));
    await vi.advanceTimersByTimeAsync(0);
    expect(messages[0]).toMatchObject({
      type: 'stale',
      error: {
        code: 'Throttling',
        sentence: 'AWS is throttling DescribeStacks; tapdeck backs off and tries again.',
        detail: 'DescribeStacks failed: Rate exceeded',
      },
      retryInMs: 2_000,
      lastSuccessAt: null,
    });
    await vi.advanceTimersByTimeAsync(1_999);
    expect(messages).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(messages[1]?.type).toBe('snapshot');
    poller.stop();
  });

  it('stops polling when stopped', async () => {
    const fake = new FakeStack();
    const poller = createStackPoller('S', fake, intervals);
    poller.start(() => {});
    await vi.advanceTimersByTimeAsync(0);
    poller.stop();
    const before = fake.calls.length;
    await vi.advanceTimersByTimeAsync(intervals.idleMs * 3);
    expect(fake.calls.length).toBe(before);
  });

  it('starts the history over when the stack is replaced by a new one of the same name', async () => {
    const fake = new FakeStack();
    fake.add('old', 'CREATE_COMPLETE');
    const messages: StackMessage[] = [];
    const poller = createStackPoller('S', fake, intervals);
    poller.start((m) => messages.push(m));
    await vi.advanceTimersByTimeAsync(0);
    fake.stack = { ...fake.stack!, stackId: 'id-2' };
    fake.history = [];
    fake.add('new', 'CREATE_IN_PROGRESS');
    await vi.advanceTimersByTimeAsync(intervals.activeMs);
    expect(messages.at(-1)).toMatchObject({ type: 'snapshot', events: [{ eventId: 'new' }] });
    poller.stop();
  });

  it('re-checks a stack that does not exist with backoff, the active interval doubling up to the idle one', async () => {
    const fake = new FakeStack();
    fake.stack = null;
    const poller = createStackPoller('S', fake, intervals);
    const start = Date.now();
    poller.start(() => {});
    /** Describes made by `ms` after the start. */
    const describesBy = async (ms: number) => {
      await vi.advanceTimersByTimeAsync(start + ms - Date.now());
      return fake.calls.filter((c) => c === 'describe').length;
    };
    // Polls at 0, 1, 3, 7, 15 s (1, 2, 4, 8 s apart), then every 30 s: 31, 61, 91 s.
    expect(await describesBy(0)).toBe(1);
    expect(await describesBy(1_000)).toBe(2);
    expect(await describesBy(2_999)).toBe(2);
    expect(await describesBy(3_000)).toBe(3);
    expect(await describesBy(15_000)).toBe(5);
    expect(await describesBy(31_000)).toBe(6);
    expect(await describesBy(60_999)).toBe(6);
    expect(await describesBy(91_000)).toBe(8);
    expect(fake.calls.filter((c) => c.startsWith('events')).length).toBe(0);
    poller.stop();
  });

  it('follows a stack at the active rate as soon as it appears, and backs off again once it is gone', async () => {
    const fake = new FakeStack();
    const saved = fake.stack;
    fake.stack = null;
    const messages: StackMessage[] = [];
    const poller = createStackPoller('S', fake, intervals);
    poller.start((m) => messages.push(m));
    await vi.advanceTimersByTimeAsync(61_000); // settled into the idle re-check
    fake.stack = saved; // CREATE_IN_PROGRESS
    fake.add('e1', 'CREATE_IN_PROGRESS');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(messages.at(-1)).toMatchObject({
      type: 'delta',
      stack: { status: 'CREATE_IN_PROGRESS' },
      events: [{ eventId: 'e1' }],
    });
    const before = fake.calls.filter((c) => c === 'describe').length;
    await vi.advanceTimersByTimeAsync(3 * intervals.activeMs);
    expect(fake.calls.filter((c) => c === 'describe').length).toBe(before + 3);

    fake.stack = null; // deleted
    await vi.advanceTimersByTimeAsync(intervals.activeMs);
    expect(messages.at(-1)).toMatchObject({ type: 'delta', stack: null });
    const whenGone = fake.calls.filter((c) => c === 'describe').length;
    await vi.advanceTimersByTimeAsync(7 * intervals.activeMs); // 1 + 2 + 4 s: three re-checks, not seven
    expect(fake.calls.filter((c) => c === 'describe').length).toBe(whenGone + 3);
    poller.stop();
  });
});
