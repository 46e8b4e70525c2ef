import { config } from '@/lib/config';
import { readCmkChain as readFromAws } from '@/lib/reads/cmk-chain';
import type { CmkMessage } from './cmk-messages';
import { createCmkFeed } from './cmk-page';
import { shareAcrossInstances } from './cluster';
import { createCmkRelay } from './cluster/relays';
import { Hub } from './hub';

/** The process-wide hub for CMK chains, on globalThis for the same reason as the stack hub (lib/live/stack-feed.ts). */
const globalKey = Symbol.for('tapdeck.cmkHub');
const holder = globalThis as { [globalKey]?: Hub<CmkMessage> };
const hub: Hub<CmkMessage> = (holder[globalKey] ??= new Hub<CmkMessage>(shareAcrossInstances(createCmkRelay)));

const feed = createCmkFeed(
  readFromAws,
  () => config.poll.alarmsMs,
  hub,
  () => `${config.endpoint ?? 'aws'}|${config.region}`,
);

export const subscribeToCmkChain = feed.subscribeToCmkChain;
export const readCmkChain = feed.readCmkChain;
