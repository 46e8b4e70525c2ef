import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CmkChain } from '@/lib/cmk/chain';
import type { CmkMessage } from './cmk-messages';
import { createCmkFeed } from './cmk-page';
import { Hub } from './hub';

const chain = (stackName: string, status: CmkChain['status'] = 'ok'): CmkChain => ({
  stackName,
  enableCmk: false,
  binding: { kind: 'no-log-group' },
  filters: [],
  links: [],
  status,
});

describe('createCmkFeed', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shares one poller per stack between subscribers, catches late ones up, and stops after the last', async () => {
    const reads: string[] = [];
    let status: CmkChain['status'] = 'ok';
    const feed = createCmkFeed(
      async (name) => {
        reads.push(name);
        return chain(name, status);
      },
      () => 1_000,
      new Hub<CmkMessage>(),
    );
    const first: CmkMessage[] = [];
    const second: CmkMessage[] = [];
    const stopFirst = feed.subscribeToCmkChain('TapStack-a', (m) => first.push(m));
    await vi.advanceTimersByTimeAsync(0);
    const stopSecond = feed.subscribeToCmkChain('TapStack-a', (m) => second.push(m));
    expect(second).toEqual([expect.objectContaining({ type: 'cmk', chain: chain('TapStack-a') })]);

    status = 'failure';
    await vi.advanceTimersByTimeAsync(1_000);
    expect(reads).toEqual(['TapStack-a', 'TapStack-a']);
    expect(first.map((m) => m.type === 'cmk' && m.chain?.status)).toEqual(['ok', 'failure']);
    expect(second.at(-1)).toEqual(first.at(-1));
    // A page render while someone watches takes the shared poller's chain: no extra read.
    expect(await feed.readCmkChain('TapStack-a')).toMatchObject({ status: 'failure' });
    expect(reads).toHaveLength(2);

    stopFirst();
    stopSecond();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(reads).toHaveLength(2);
    // Nobody watches: a render reads AWS itself.
    await feed.readCmkChain('TapStack-a');
    expect(reads).toHaveLength(3);
  });
});
