'use client';

import Link from '@/components/link';
import type { CmkChain } from '@/lib/cmk/chain';
import { LiveIndicator } from '../live-indicator';
import { BindingBody } from './binding-body';
import { useCmkChain } from './use-cmk-chain';

/** The overview's CMK card body, kept live by the shared CMK stream (a key-policy edit shows without a reload). */
export function CmkBindingLive({ name, initial, initialAt }: { name: string; initial: CmkChain | null; initialAt: string }) {
  const { chain, checkedAt, staleReason, connection } = useCmkChain(name, initial, initialAt);
  const href = `/stacks/${encodeURIComponent(name)}/cmk`;
  return (
    <div className="space-y-3 px-4 py-3 text-sm" data-testid="cmk-binding" data-status={chain?.status}>
      {chain ? <BindingBody binding={chain.binding} /> : <p className="text-slate-500">The stack does not exist any more.</p>}
      <div className="flex flex-wrap items-center justify-between gap-2 border-t border-slate-100 pt-2">
        <Link href={href} className="text-sm font-medium text-sky-800 hover:underline">
          {chain?.status === 'failure' ? 'See what is broken and how to fix it →' : 'Key → log group → filters → alarms →'}
        </Link>
        <LiveIndicator
          connection={connection}
          checkedAt={checkedAt}
          staleReason={staleReason}
          testId="cmk-live-indicator"
          ageLabel="updated"
        />
      </div>
    </div>
  );
}
