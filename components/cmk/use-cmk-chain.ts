'use client';

import { useEffect, useState } from 'react';
import type { CmkChain } from '@/lib/cmk/chain';
import { CMK_MESSAGE_TYPES, type CmkMessage } from '@/lib/live/cmk-messages';
import { describeLiveError } from '@/lib/live/stack-messages';
import type { Connection } from '../live-indicator';

export interface CmkChainState {
  chain: CmkChain | null;
  checkedAt: string | null;
  staleReason: string | null;
  connection: Connection;
}

/** The stack's CMK chain, starting from the server's render and following the shared CMK stream. */
export function useCmkChain(name: string, initial: CmkChain | null, initialAt: string): CmkChainState {
  const [state, setState] = useState<Omit<CmkChainState, 'connection'>>({
    chain: initial,
    checkedAt: initialAt,
    staleReason: null,
  });
  const [connection, setConnection] = useState<Connection>('connecting');

  useEffect(() => {
    const source = new EventSource(`/api/stacks/${encodeURIComponent(name)}/cmk/stream`);
    source.onopen = () => setConnection('open');
    source.onerror = () => setConnection(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting');
    const onMessage = (event: MessageEvent<string>) => {
      const message = JSON.parse(event.data) as CmkMessage;
      setState((previous) =>
        message.type === 'cmk'
          ? { chain: message.chain, checkedAt: message.at, staleReason: null }
          : { ...previous, staleReason: describeLiveError(message.error) },
      );
    };
    for (const type of CMK_MESSAGE_TYPES) source.addEventListener(type, onMessage);
    return () => source.close();
  }, [name]);

  return { ...state, connection };
}
