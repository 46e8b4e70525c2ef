'use client';

import { useEffect, useState } from 'react';
import type { FleetMessage, FleetSnapshot } from '@/lib/fleet/types';
import { describeLiveError } from '@/lib/live/stack-messages';
import type { Connection } from '../live-indicator';

export interface FleetStreamState {
  fleet: FleetSnapshot | null;
  connection: Connection;
  checkedAt: string | null;
  staleReason: string | null;
}

/** The fleet stream (/api/fleet/stream): one EventSource per tab, fed by the server's one shared poller. */
export function useFleetStream(initial: FleetSnapshot | null): FleetStreamState {
  const [state, setState] = useState<FleetStreamState>({
    fleet: initial,
    connection: 'connecting',
    checkedAt: initial?.at ?? null,
    staleReason: null,
  });

  useEffect(() => {
    const source = new EventSource('/api/fleet/stream');
    const on = (type: FleetMessage['type'], apply: (message: FleetMessage, s: FleetStreamState) => FleetStreamState) =>
      source.addEventListener(type, (event) => {
        const message = JSON.parse((event as MessageEvent<string>).data) as FleetMessage;
        setState((s) => apply(message, { ...s, connection: 'open' }));
      });
    on('fleet', (m, s) => (m.type === 'fleet' ? { ...s, fleet: m.fleet, checkedAt: m.fleet.at, staleReason: null } : s));
    on('fleet-checked', (m, s) => (m.type === 'fleet-checked' ? { ...s, checkedAt: m.at, staleReason: null } : s));
    on('fleet-stale', (m, s) => (m.type === 'fleet-stale' ? { ...s, staleReason: describeLiveError(m.error) } : s));
    source.onopen = () => setState((s) => ({ ...s, connection: 'open' }));
    // EventSource reconnects by itself after a drop; CLOSED means it gave up (401, 429).
    source.onerror = () =>
      setState((s) => ({ ...s, connection: source.readyState === EventSource.CLOSED ? 'closed' : 'connecting' }));
    return () => source.close();
  }, []);

  return state;
}
