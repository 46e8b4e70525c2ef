import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AwsCallError } from '@/lib/aws/client-config';
import { createSnapshotPoller } from './snapshot-poller';
import type { LiveError } from './stack-messages';

type Msg = { type: 'value'; value: number[] } | { type: 'stale'; error: LiveError };

describe('createSnapshotPoller', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('publishes the first value and then only changes; late subscribers catch up with the latest', async () => {
    let value = [1];
    let reads = 0;
    const messages: Msg[] = [];
    const poller = createSnapshotPoller<number[], Msg>({
      read: async () => {
        reads += 1;
        return value;
      },
      intervalMs: 1_000,
      changed: (v) => ({ type: 'value', value: v }),
      stale: (error) => ({ type: 'stale', error }),
    });
    poller.start((m) => messages.push(m));
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(reads).toBe(2);
    expect(messages).toEqual([{ type: 'value', value: [1] }]);
    value = [1, 2];
    await vi.advanceTimersByTimeAsync(1_000);
    expect(messages.at(-1)).toEqual({ type: 'value', value: [1, 2] });
    expect(poller.catchUp()).toEqual([{ type: 'value', value: [1, 2] }]);
    poller.stop();
  });

  it('backs off after errors and says so, in words anyone may read and in full', async () => {
    let fail = true;
    const messages: Msg[] = [];
    const poller = createSnapshotPoller<number[], Msg>({
      read: async () => {
        if (fail)
          throw new AwsCallError('DescribeAlarms', 'ThrottlingException', 'Rate exceeded for arn:aws:iam::123456789012:role/x');
        return [];
      },
      intervalMs: 1_000,
      changed: (v) => ({ type: 'value', value: v }),
      stale: (error) => ({ type: 'stale', error }),
    });
    poller.start((m) => messages.push(m));
    await vi.advanceTimersByTimeAsync(0);
    expect(messages).toEqual([
      {
        type: 'stale',
        error: {
          code: 'ThrottlingException',
          sentence: 'AWS is throttling DescribeAlarms; tapdeck backs off and tries again.',
          detail: 'DescribeAlarms failed: Rate exceeded for arn:aws:iam::123456789012:role/x',
        },
      },
    ]);
    expect(console.error).toHaveBeenCalledTimes(1);
    fail = false;
    await vi.advanceTimersByTimeAsync(1_999);
    expect(messages).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(messages.at(-1)).toEqual({ type: 'value', value: [] });
    poller.stop();
  });

  it('publishes the unchanged value again after a failure, so subscribers stop showing it as stale', async () => {
    let fail = false;
    const messages: Msg[] = [];
    const poller = createSnapshotPoller<number[], Msg>({
      read: async () => {
        if (fail) throw new AwsCallError('DescribeAlarms', 'ThrottlingException', 'Rate exceeded');
        return [1];
      },
      intervalMs: 1_000,
      changed: (v) => ({ type: 'value', value: v }),
      stale: (error) => ({ type: 'stale', error }),
    });
    poller.start((m) => messages.push(m));
    await vi.advanceTimersByTimeAsync(0);
    fail = true;
    await vi.advanceTimersByTimeAsync(1_000);
    fail = false;
    await vi.advanceTimersByTimeAsync(2_000);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(messages.map((m) => m.type)).toEqual(['value', 'stale', 'value']);
    poller.stop();
  });

  it('says a bug is a bug: a generic code and sentence, the text only in the detail', async () => {
    const messages: Msg[] = [];
    const poller = createSnapshotPoller<number[], Msg>({
      read: async () => {
        throw new TypeError("Cannot read properties of undefined (reading 'Alarms')");
      },
      intervalMs: 1_000,
      changed: (v) => ({ type: 'value', value: v }),
      stale: (error) => ({ type: 'stale', error }),
    });
    poller.start((m) => messages.push(m));
    await vi.advanceTimersByTimeAsync(0);
    expect(messages[0]).toMatchObject({
      type: 'stale',
      error: { code: 'InternalError', detail: expect.stringContaining('Cannot read') },
    });
    expect((messages[0] as { error: LiveError }).error.sentence).not.toContain('Alarms');
    poller.stop();
  });
});
