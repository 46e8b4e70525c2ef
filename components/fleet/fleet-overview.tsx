'use client';

import { useSearchParams } from 'next/navigation';
import { useCallback, useMemo, useState } from 'react';
import { applyFleetQuery, fleetQueryString, parseFleetQuery, type FleetQuery } from '@/lib/fleet/query';
import { countFleet } from '@/lib/fleet/summarise';
import type { FleetSnapshot } from '@/lib/fleet/types';
import { Card } from '../card';
import { LiveIndicator } from '../live-indicator';
import { TableSkeleton } from '../skeletons';
import { FleetEmpty } from './fleet-empty';
import { FleetCards, FleetTable } from './fleet-table';
import { FleetToolbar } from './fleet-toolbar';
import { OtherStacks } from './other-stacks';
import { useFleetStream } from './use-fleet-stream';

/**
 * The home page's live part: the fleet from the server's first read, then from the fleet stream. Sort and
 * filters live in the URL (history.replaceState: no server round trip, and a reload or a shared link keeps them).
 */
export function FleetOverview({
  initial,
  unavailable,
  membership,
}: {
  initial: FleetSnapshot | null;
  /** Shown while there is no fleet to show because AWS could not be read (rendered on the server). */
  unavailable: React.ReactNode;
  membership: { pattern: string; tag: string | null };
}) {
  const { fleet, connection, checkedAt, staleReason } = useFleetStream(initial);
  const [cleared, setCleared] = useState(0); // remounts the toolbar so its text box empties too
  const searchParams = useSearchParams();
  const query = useMemo(() => parseFleetQuery(new URLSearchParams(searchParams.toString())), [searchParams]);
  const setQuery = useCallback(
    (next: Partial<FleetQuery>) => {
      const url = `${window.location.pathname}${fleetQueryString({ ...query, ...next })}`;
      window.history.replaceState(null, '', url);
    },
    [query],
  );

  const live = <LiveIndicator connection={connection} checkedAt={checkedAt} staleReason={staleReason} />;
  if (!fleet) {
    return (
      <div className="space-y-3">
        <div className="flex justify-end">{live}</div>
        {staleReason || !initial ? unavailable : <TableSkeleton />}
      </div>
    );
  }

  const shown = applyFleetQuery(fleet.environments, query);
  const counts = countFleet(fleet);
  return (
    <div className="space-y-6">
      <Card
        title={
          <>
            TapStack environments <span className="ml-1 font-normal text-slate-500">{counts.total}</span>
            <FleetCounts {...counts} />
          </>
        }
        actions={live}
      >
        {counts.total === 0 ? (
          <FleetEmpty membership={membership} />
        ) : (
          <>
            <FleetToolbar key={cleared} query={query} onChange={setQuery} />
            {shown.length === 0 ? (
              <div className="px-4 py-10 text-center text-sm text-slate-600" data-testid="fleet-no-match">
                <p className="font-medium text-slate-900">No environment matches these filters</p>
                <button
                  type="button"
                  className="mt-2 font-medium text-sky-700 hover:underline"
                  onClick={() => {
                    setQuery({ q: '', status: 'all', mode: 'all' });
                    setCleared((n) => n + 1);
                  }}
                >
                  Clear the filters
                </button>
              </div>
            ) : (
              <>
                <FleetTable environments={shown} />
                <FleetCards environments={shown} />
              </>
            )}
          </>
        )}
      </Card>
      <OtherStacks stacks={fleet.others} />
    </div>
  );
}

function FleetCounts({ failed, inProgress, alarming }: { failed: number; inProgress: number; alarming: number }) {
  const parts = [
    failed > 0 && <span className="text-rose-700">{failed} failed</span>,
    inProgress > 0 && <span className="text-sky-700">{inProgress} in progress</span>,
    alarming > 0 && <span className="text-rose-700">{alarming} alarming</span>,
  ].filter(Boolean);
  if (parts.length === 0) return null;
  return (
    <span className="ml-2 text-xs font-normal" data-testid="fleet-counts">
      {parts.map((part, i) => (
        <span key={i}>
          {i > 0 && ' · '}
          {part}
        </span>
      ))}
    </span>
  );
}
