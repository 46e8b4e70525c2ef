import type { CmkChain } from '@/lib/cmk/chain';
import { Hub } from './hub';
import type { CmkMessage } from './cmk-messages';
import { createSnapshotPoller } from './snapshot-poller';

export interface CmkFeed {
  /** Follows a stack's CMK chain: one poller per stack however many pages (and overview cards) watch it. */
  subscribeToCmkChain(stackName: string, listener: (message: CmkMessage) => void): () => void;
  /** The chain for a page render: the shared poller's latest when someone watches, else a fresh read. */
  readCmkChain(stackName: string): Promise<CmkChain | null>;
}

/**
 * The CMK chain as hub topics, one per stack (and per endpoint and region, through `scope`). The chain moves
 * rarely (a key policy edit, an alarm changing state), so it is polled at the alarms' pace and sent whole on change.
 */
export function createCmkFeed(
  read: (stackName: string) => Promise<CmkChain | null>,
  intervalMs: () => number,
  hub: Hub<CmkMessage>,
  scope = () => '',
): CmkFeed {
  const topic = (name: string) => `${scope()}|cmk|${name}`;
  const create = (name: string) =>
    createSnapshotPoller<CmkChain | null, CmkMessage>({
      read: () => read(name),
      intervalMs: intervalMs(),
      changed: (chain, at) => ({ type: 'cmk', chain, at }),
      stale: (error) => ({ type: 'cmk-stale', error }),
      label: `the CMK chain of ${name}`,
    });

  return {
    subscribeToCmkChain: (name, listener) => hub.subscribe(topic(name), () => create(name), listener),
    async readCmkChain(name) {
      const cached = hub.peek(topic(name))?.catchUp()[0];
      if (cached?.type === 'cmk') return cached.chain;
      return read(name);
    },
  };
}
