import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSnapshotPoller } from './snapshot-poller';

type Msg = { type: 'value'; value: number[] } | { type: 'stale'; error: string };

describe('createSnapshotPoller', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

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

  it('backs off after errors and says so', async () => {
    let fail = true;
    const messages: Msg[] = [];
    const poller = createSnapshotPoller<number[], Msg>({
      read: async () => {
        if (fail) throw new Error('ThrottlingException: Rate exceeded');
        return [];
      },
      intervalMs: 1_000,
      changed: (v) => ({ type: 'value', value: v }),
      stale: (error) => ({ type: 'stale', error }),
    });
    poller.start((m) => messages.push(m));
    await vi.advanceTimersByTimeAsync(0);
    expect(messages).toEqual([{ type: 'stale', error: 'ThrottlingException: Rate exceeded' }]);
    fail = false;
    await vi.advanceTimersByTimeAsync(1_999);
    expect(messages).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(messages.at(-1)).toEqual({ type: 'value', value: [] });
    poller.stop();
  });
});
