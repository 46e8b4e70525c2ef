import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StackEvent, StackSummary } from '@/lib/rollout/types';
import type { StackMessage } from './stack-messages';
import { createStackPoller, type StackReads } from './stack-poller';

const intervals = { activeMs: 1_000, idleMs: 30_000 };

/** An in-memory stack whose history the test writes, read the way CloudFormation pages it (newest first). */
class FakeStack implements StackReads {
  stack: StackSummary | null = { stackId: 'id-1', name: 'S', status: 'CREATE_IN_PROGRESS', createdAt: 't0', outputs: {}, parameters: {} };
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
      throw new Error('Throttling: Rate exceeded');
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
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

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
    expect(messages[0]).toMatchObject({ type: 'stale', error: 'Throttling: Rate exceeded', retryInMs: 2_000, lastSuccessAt: null });
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
});
