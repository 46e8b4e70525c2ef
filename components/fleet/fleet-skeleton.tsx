import { Card } from '../card';
import { TableSkeleton } from '../skeletons';

/** The fleet card's shape while the first read runs. */
export function FleetSkeleton() {
  return (
    <div role="status" aria-label="Loading the fleet">
      <Card title="TapStack environments">
        <div className="flex animate-pulse flex-wrap gap-2 border-b border-slate-200 px-4 py-3" aria-hidden>
          <div className="h-8 grow basis-48 rounded-md bg-slate-100" />
          <div className="h-8 w-28 rounded-md bg-slate-100" />
          <div className="h-8 w-28 rounded-md bg-slate-100" />
          <div className="h-8 w-36 rounded-md bg-slate-100" />
        </div>
        <TableSkeleton rows={4} />
      </Card>
    </div>
  );
}
